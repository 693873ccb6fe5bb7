import { MedusaError } from "@medusajs/framework/utils"
import { CheckoutCart, CheckoutCustomer } from "../../../core/checkout-cart"
import { Rounding, toDecimal, toMinorUnits } from "../../../core/money"
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
/** the item metadata key that ties a Smartpay line to its checkout cart line */
export const LINE_ITEM_METADATA_KEY = "medusa_line_item_id"

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/**
 * Smartpay's checkout session body from the server-side checkout cart
 * (docs/gateways/smartpay.md#checkout-session-request), whole yen, tax included (Japanese prices
 * are shown with consumption tax; Smartpay has no tax fields for us to fill):
 * - one `product` item per cart line, in cart order: the unit price is the line's total over its
 *   quantity (discounts are folded into the cart's prices), rounded UP to the yen;
 * - shipping is `shippingInfo.feeAmount`: every shipping method's total, summed, rounded up;
 * - rounding up can only add yen (Σ⌈x⌉ ≥ ⌈Σx⌉ ≥ the amount), so what it added goes back as one
 *   `kind: "discount"` item with a positive amount, which Smartpay subtracts (the SDK's rule);
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

  const items: SmartpayItem[] = [...cart.lines]
    .sort((a, b) => a.position - b.position)
    .map((line) => ({
      kind: "product",
      name: line.title.trim() || line.sku || "Item",
      amount: toDecimal(line.total).dividedBy(line.quantity).integerValue(Rounding.UP).toNumber(),
      currency: CURRENCY,
      quantity: line.quantity,
      reference: line.line_item_id,
      metadata: { [LINE_ITEM_METADATA_KEY]: line.line_item_id },
    }))
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
