/**
 * Gateway facts the rules depend on
 * (docs/gateways/multisafepay.md#which-payments-are-refunded-by-cart,
 * docs/gateways/multisafepay.md#pay-later-refund-conventions,
 * docs/gateways/multisafepay.md#checkout-cart-and-tax-tables).
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

/**
 * How refund lines must be written: a copy of the sold line with a negative quantity (the
 * current "pay later refund" page, for every pay-later method), a copy with a negative
 * unit_price (the older page's Klarna convention), or either (methods without the rule).
 */
export type RefundConvention = "negative_unit_price" | "negative_quantity" | "either"

/**
 * The convention for a gateway: an explicit per-gateway setting first, then the account's
 * Klarna-convention gateways, then negative_quantity for every pay-later gateway (the current
 * page) and "either" for the rest, whose cart refunds the docs give no rule for.
 */
export function refundConventionFor(
  gateway: string | null,
  settings: {
    refundConventions: Readonly<Record<string, RefundConvention>>
    negativeUnitPriceGateways: ReadonlySet<string>
  },
): RefundConvention {
  if (gateway === null) return "either"
  const explicit = settings.refundConventions[gateway]
  if (explicit !== undefined) return explicit
  if (settings.negativeUnitPriceGateways.has(gateway)) return "negative_unit_price"
  return isPayLaterGateway(gateway) ? "negative_quantity" : "either"
}

/** Billink accepts only these VAT rates (TaxTableSelector.yaml), as 2-decimal fractions ×100. */
export const BILLINK_RATES_PERCENT: readonly bigint[] = [0n, 5n, 6n, 7n, 9n, 16n, 19n, 20n, 21n]
