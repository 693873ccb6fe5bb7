import { MedusaError } from "@medusajs/framework/utils"
import { CheckoutCart } from "../../../core/checkout-cart"
import { allocateByLargestRemainder, toDecimal, toMinorUnits } from "../../../core/money"
import { DecimalLiteral, toJsonText, worldlineAmount } from "../money"

export interface WorldlineLineItem {
  sku: string
  description: string
  quantity: number
  unitAmount: DecimalLiteral
  totalAmount: DecimalLiteral
  taxRate: DecimalLiteral
}

export interface WorldlineOrderBody {
  amount: { amount: DecimalLiteral; currency: string }
  transactionChannel: "Web Online"
  paymentMethodId: number
  autoCapture: boolean
  returnUrl: string
  orderDescription: string
  lineItems: WorldlineLineItem[]
}

export interface OrderRequestInput {
  /** upper case ISO 4217 */
  currency: string
  amountMinor: number
  cart: CheckoutCart
  paymentMethodId: number
  autoCapture: boolean
  returnUrl: string
  /** the start of the description ("Order at Acme") */
  descriptionPrefix?: string
}

const MAX_DESCRIPTION = 100

/**
 * Worldline's create-order body (docs/gateways/worldline.md#orders-and-payments) from the
 * server-side checkout cart: one line per cart line and per shipping method, each `totalAmount`
 * the line's price after discounts, tax included. The cart's totals carry fractions of a minor
 * unit, so the order amount is split over the lines by their exact totals (largest remainder):
 * the lines always add up to `amount`, each within a minor unit of its exact total. Anything
 * further off means the cart is not the payment's, and nothing is sent.
 */
export function buildOrderRequest(input: OrderRequestInput): {
  body: WorldlineOrderBody
  jsonText: string
} {
  const { cart, currency, amountMinor } = input
  const cartMinor = toMinorUnits(cart.total, currency)
  if (cartMinor !== amountMinor) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `The payment amount (${amountMinor} minor units) is not the cart's total (${cartMinor}): the cart changed, start the payment again`,
    )
  }
  const lines = [...cart.lines].sort((a, b) => a.position - b.position)
  const shipping = [...cart.shipping].sort((a, b) => a.position - b.position)
  if (lines.length === 0) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Worldline needs at least one cart line")
  }
  const parts = [
    ...lines.map((line) => ({
      sku: line.sku || line.variant_id || line.line_item_id,
      description: line.title,
      quantity: line.quantity,
      total: line.total,
      unit: line.unit_price_incl_tax,
      taxRate: line.tax_rate,
    })),
    ...shipping.map((method) => ({
      sku: "shipping",
      description: `Shipping: ${method.name}`,
      quantity: 1,
      total: method.total,
      unit: method.total,
      taxRate: method.tax_rate,
    })),
  ]
  const rounded = parts.map((p) => toMinorUnits(p.total, currency))
  const roundedSum = rounded.reduce((sum, m) => sum + m, 0)
  if (parts.some((p) => toDecimal(p.total).isNegative())) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "A cart line has a negative total")
  }
  if (Math.abs(roundedSum - amountMinor) > parts.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `The cart's lines and shipping add up to ${roundedSum} minor units, not the payment's ${amountMinor}: nothing was sent to Worldline`,
    )
  }
  const totals =
    roundedSum === amountMinor
      ? rounded
      : allocateByLargestRemainder(
          amountMinor,
          parts.map((p) => p.total),
        )
  const lineItems: WorldlineLineItem[] = parts.map((p, i) => {
    const totalMinor = totals[i]
    const unitMinor =
      totalMinor % p.quantity === 0 ? totalMinor / p.quantity : toMinorUnits(p.unit, currency)
    return {
      sku: p.sku.slice(0, 100),
      description: p.description.slice(0, 100),
      quantity: p.quantity,
      unitAmount: worldlineAmount(unitMinor, currency).amount,
      totalAmount: worldlineAmount(totalMinor, currency).amount,
      taxRate: new DecimalLiteral(toDecimal(p.taxRate).toFixed()),
    }
  })
  const sent = totals.reduce((sum, m) => sum + m, 0)
  if (sent !== amountMinor) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `The Worldline order lines add up to ${sent} minor units, not ${amountMinor}: nothing was sent`,
    )
  }
  const body: WorldlineOrderBody = {
    amount: worldlineAmount(amountMinor, currency),
    transactionChannel: "Web Online",
    paymentMethodId: input.paymentMethodId,
    autoCapture: input.autoCapture,
    returnUrl: input.returnUrl,
    orderDescription: `${input.descriptionPrefix ?? "Order"} (cart ${cart.cart_id})`.slice(
      0,
      MAX_DESCRIPTION,
    ),
    lineItems,
  }
  return { body, jsonText: toJsonText(body) }
}
