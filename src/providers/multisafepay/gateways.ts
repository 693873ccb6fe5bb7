/**
 * MultiSafepay gateway codes (`payment_details.type`) that need the shopping cart: they are
 * refunded by resending the cart with refund lines, never by amount (the php-sdk's list, which
 * the official plugins use to choose the refund mode:
 * docs/gateways/multisafepay.md#which-payments-are-refunded-by-cart).
 */
export const CART_REFUND_GATEWAYS: ReadonlySet<string> = new Set([
  "AFTERPAY",
  "BILLINK",
  "BNPL_INST",
  "BNPL_INSTM",
  "BNPL_MF",
  "BNPL_OB",
  "EINVOICE",
  "IN3",
  "IN3B2B",
  "KLARNA",
  "PAYAFTER",
  "SANTANDER",
  "ZINIA",
  "ZINIA_IN3",
])

export function isPayLater(gatewayCode: string | null | undefined): boolean {
  return !!gatewayCode && CART_REFUND_GATEWAYS.has(gatewayCode.toUpperCase())
}

/**
 * How a cart refund marks the returned units
 * (docs/gateways/multisafepay.md#pay-later-refund-conventions): a copy with a negative `quantity`,
 * MultiSafepay's rule for every pay-later method (a negative
 * `unit_price` cancels the order), or, only where an account is on Klarna's convention and says
 * so in `refundConventions`, a copy with a negative `unit_price`.
 */
export type RefundConvention = "negative_unit_price" | "negative_quantity"
export const DEFAULT_REFUND_CONVENTION: RefundConvention = "negative_quantity"
