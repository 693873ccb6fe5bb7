/**
 * Gateway facts the rules depend on (research §2c, §2d, §2f).
 */

/** php-sdk SHOPPING_CART_REQUIRED_GATEWAYS (2025-03): these need a cart at creation and refund. */
export const CART_REQUIRED_GATEWAYS: ReadonlySet<string> = new Set([
  "AFTERPAY",
  "EINVOICE",
  "IN3",
  "KLARNA",
  "PAYAFTER",
  "BNPL_INSTM",
  "BNPL_INST",
  "IN3B2B",
  "SANTANDER",
  "ZINIA",
  "ZINIA_IN3",
  "BNPL_OB",
  "BNPL_MF",
  "BILLINK",
])

/** E-Invoicing "may be refunded with or without the shopping_cart". */
export const AMOUNT_REFUND_ALLOWED_PAY_LATER: ReadonlySet<string> = new Set(["EINVOICE"])

export function isPayLaterGateway(gateway: string | null): boolean {
  return gateway !== null && CART_REQUIRED_GATEWAYS.has(gateway)
}

/** How a refund line that reverses an original cart line must be written. */
export type RefundConvention = "negative_unit_price" | "negative_quantity" | "either"

/**
 * The sandbox's default per-gateway conventions: the 2019-2021 docs say "Pay After Delivery
 * orders need negative quantities", everything else is left open ("either").
 */
export const DEFAULT_REFUND_CONVENTIONS: Readonly<Record<string, RefundConvention>> = {
  BNPL_MF: "negative_quantity",
  PAYAFTER: "negative_quantity",
}

export function refundConventionFor(
  gateway: string | null,
  conventions: Readonly<Record<string, RefundConvention>>,
): RefundConvention {
  return (gateway !== null ? conventions[gateway] : undefined) ?? "either"
}

/** Billink accepts only these VAT rates (TaxTableSelector.yaml), as 2-decimal fractions ×100. */
export const BILLINK_RATES_PERCENT: readonly bigint[] = [0n, 5n, 6n, 7n, 9n, 16n, 19n, 20n, 21n]
