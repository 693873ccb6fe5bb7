import { MedusaError } from "@medusajs/framework/utils"
import { CheckoutCart, CheckoutCartLine, CheckoutCustomer } from "../../../core/checkout-cart"
import { Decimal, Rounding, toDecimal, toMinorUnits } from "../../../core/money"
import { CURRENCY } from "../money"

export { CURRENCY }

export interface SmartpayItem {
  kind: "product" | "discount"
  name: string
  /** per unit, whole yen, ≥ 0 (a discount's is positive and is subtracted) */
  amount: number
  currency: typeof CURRENCY
  quantity: number
  reference?: string
  metadata?: Record<string, string>
}

export interface SmartpayAddress {
  line1: string
  line2?: string
  locality: string
  administrativeArea?: string
  postalCode: string
  country: string
}

export interface CheckoutSessionRequest {
  amount: number
  currency: typeof CURRENCY
  captureMethod: "manual" | "automatic"
  items: SmartpayItem[]
  shippingInfo: { address: SmartpayAddress; feeAmount: number; feeCurrency: typeof CURRENCY }
  customerInfo: Record<string, string>
  successUrl: string
  cancelUrl: string
  reference: string
  metadata: Record<string, string>
}

export interface CheckoutSessionInput {
  /** the Medusa payment session id: the session's `reference` */
  sessionId: string
  /** what Medusa charges, whole yen */
  amountYen: number
  cart: CheckoutCart
  captureMethod: "manual" | "automatic"
  successUrl: string
  cancelUrl: string
}

/** The name of the rounding line (see below): shown to the shopper on Smartpay's checkout. */
export const ROUNDING_NAME = "Rounding"
/** The name of a promotion's discount line: `Promotion BOOK10`, or `Discount` without a code. */
export function promotionName(code: string | null): string {
  return code?.trim() ? `Promotion ${code.trim()}` : "Discount"
}
/** the item metadata key that ties a Smartpay line to its checkout cart line */
export const LINE_ITEM_METADATA_KEY = "medusa_line_item_id"

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/**
 * Smartpay's checkout session body from the server-side checkout cart
 * (docs/gateways/smartpay.md#checkout-session-request), whole yen, tax included (Japanese prices
 * are shown with consumption tax; Smartpay has no tax fields for us to fill):
 * - one `product` item per cart line, in cart order: the unit price is the line BEFORE its
 *   discounts (its total plus its `discounts`) over its quantity, rounded UP to the yen;
 * - one `kind: "discount"` item per promotion code across all lines (`Promotion <code>`, or
 *   `Discount` for adjustments without a code), in the order the codes first appear, quantity 1,
 *   the positive amount Smartpay subtracts (the SDK's rule): the code's discounts, tax included,
 *   summed over the lines and rounded DOWN to the yen. A checkout cart stored without
 *   `discounts` keeps them folded into the line totals, as before;
 * - shipping is `shippingInfo.feeAmount`: every shipping method's total, summed, rounded up.
 *   Shipping discounts stay folded into it (Medusa's shipping method adjustments are not
 *   listed by the checkout cart, and Smartpay's fee is one amount with no discount field);
 * - rounding units and the fee up and discounts down can only add yen (the exact lines before
 *   discounts, less the exact discounts, plus shipping, is the cart's total, and rounding the
 *   whole-yen sum can only lie above it: ≥ ⌈total⌉ ≥ the amount), so what rounding added goes
 *   back as one more `kind: "discount"` item, `Rounding`, with a positive amount;
 * - the items, minus discounts, plus the fee must equal `amount`: checked here, before any call.
 */
export function buildCheckoutSession(input: CheckoutSessionInput): CheckoutSessionRequest {
  const { cart, amountYen } = input
  if (cart.currency_code.toUpperCase() !== CURRENCY) {
    throw invalid(`Smartpay takes JPY only, this cart is in ${cart.currency_code.toUpperCase()}`)
  }
  const cartYen = toMinorUnits(cart.total, CURRENCY)
  if (cartYen !== amountYen) {
    throw invalid(
      `The payment amount (${amountYen} JPY) is not the cart's total (${cartYen} JPY): the cart changed, start the payment again`,
    )
  }
  if (cart.lines.length === 0) throw invalid("Smartpay needs at least one cart line")

  const lines = [...cart.lines].sort((a, b) => a.position - b.position)
  const items: SmartpayItem[] = lines.map((line) => ({
    kind: "product",
    name: line.title.trim() || line.sku || "Item",
    amount: toDecimal(line.total)
      .plus(discountsOf(line))
      .dividedBy(line.quantity)
      .integerValue(Rounding.UP)
      .toNumber(),
    currency: CURRENCY,
    quantity: line.quantity,
    reference: line.line_item_id,
    metadata: { [LINE_ITEM_METADATA_KEY]: line.line_item_id },
  }))
  for (const [code, amount] of promotions(lines)) {
    const yen = toMinorUnits(amount, CURRENCY, Rounding.DOWN)
    if (yen <= 0) continue // less than a yen: the rounding item below gives it back
    items.push({
      kind: "discount",
      name: promotionName(code),
      amount: yen,
      currency: CURRENCY,
      quantity: 1,
    })
  }
  const shippingTotal = cart.shipping.reduce((sum, m) => sum.plus(toDecimal(m.total)), toDecimal(0))
  const feeAmount = toMinorUnits(shippingTotal, CURRENCY, Rounding.UP)
  const roundedUp = itemsTotal(items) + feeAmount - amountYen
  if (roundedUp > 0) {
    items.push({
      kind: "discount",
      name: ROUNDING_NAME,
      amount: roundedUp,
      currency: CURRENCY,
      quantity: 1,
    })
  }
  const total = itemsTotal(items) + feeAmount
  if (total !== amountYen) {
    throw invalid(
      `Smartpay's items and shipping add up to ${total} JPY, not the payment's ${amountYen} JPY, so no checkout was started`,
    )
  }
  return {
    amount: amountYen,
    currency: CURRENCY,
    captureMethod: input.captureMethod,
    items,
    shippingInfo: {
      address: shippingAddress(cart.delivery ?? cart.customer),
      feeAmount,
      feeCurrency: CURRENCY,
    },
    customerInfo: customerInfo(cart.customer ?? cart.delivery ?? null),
    successUrl: withSessionId(input.successUrl, input.sessionId),
    cancelUrl: withSessionId(input.cancelUrl, input.sessionId),
    reference: input.sessionId,
    metadata: { medusa_session_id: input.sessionId, medusa_cart_id: cart.cart_id },
  }
}

/** Σ of a line's discounts, tax included, exact: zero when the cart lists none. */
function discountsOf(line: CheckoutCartLine): Decimal {
  return (line.discounts ?? []).reduce(
    (sum, discount) => sum.plus(toDecimal(discount.amount_incl_tax)),
    toDecimal(0),
  )
}

/** The cart's discounts per promotion code (null: no code), exact, in first-seen order. */
function promotions(lines: readonly CheckoutCartLine[]): Map<string | null, Decimal> {
  const byCode = new Map<string | null, Decimal>()
  for (const line of lines) {
    for (const discount of line.discounts ?? []) {
      const code = discount.code?.trim() || null
      byCode.set(code, (byCode.get(code) ?? toDecimal(0)).plus(toDecimal(discount.amount_incl_tax)))
    }
  }
  return byCode
}

/**
 * The provider's return URL with `?session_id=<Medusa payment session id>`
 * (docs/gateways/smartpay.md#checkout-session-request): Smartpay adds no parameters of its own.
 */
export function withSessionId(url: string, sessionId: string): string {
  const parsed = new URL(url)
  parsed.searchParams.set("session_id", sessionId)
  return parsed.toString()
}

/** Σ unit × quantity, discounts subtracted (docs/gateways/smartpay.md#checkout-session-request). */
export function itemsTotal(items: readonly SmartpayItem[]): number {
  return items.reduce(
    (sum, item) => sum + (item.kind === "discount" ? -1 : 1) * item.amount * item.quantity,
    0,
  )
}

const ADDRESS_FIELDS: Array<[keyof CheckoutCustomer, string]> = [
  ["address_1", "address_1"],
  ["city", "city"],
  ["postal_code", "postal_code"],
  ["country_code", "country_code"],
]

/** Smartpay requires line1, locality, postalCode and country (the Node SDK refuses less). */
function shippingAddress(address: CheckoutCustomer | null | undefined): SmartpayAddress {
  const missing = ADDRESS_FIELDS.filter(([field]) => !address?.[field]?.trim()).map(([, n]) => n)
  if (!address || missing.length) {
    throw invalid(`Smartpay needs the cart's shipping address with ${missing.join(", ")}`)
  }
  return {
    line1: address.address_1!.trim(),
    ...(address.address_2?.trim() ? { line2: address.address_2.trim() } : {}),
    locality: address.city!.trim(),
    ...(address.province?.trim() ? { administrativeArea: address.province.trim() } : {}),
    postalCode: address.postal_code!.trim(),
    country: address.country_code!.trim().toUpperCase(),
  }
}

function customerInfo(customer: CheckoutCustomer | null): Record<string, string> {
  const info: Record<string, string> = {}
  if (customer?.email) info.emailAddress = customer.email
  if (customer?.first_name) info.firstName = customer.first_name
  if (customer?.last_name) info.lastName = customer.last_name
  if (customer?.phone) info.phoneNumber = customer.phone
  return info
}
