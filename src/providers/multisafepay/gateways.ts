/**
 * MultiSafepay gateway codes (`payment_details.type`) that need the shopping cart: they are
 * refunded by resending the cart with negative lines, never by amount (research §2d: the
 * php-sdk's list, which the official plugins use to choose the refund mode).
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
 * How a cart refund marks the returned units: a copy with a negative `unit_price` (what every
 * official plugin sends) or with a negative `quantity` (what the 2021–2025 docs describe for
 * some gateways). Configurable per gateway code; see README.
 */
export type RefundConvention = "negative_unit_price" | "negative_quantity"
export const DEFAULT_REFUND_CONVENTION: RefundConvention = "negative_unit_price"
