import { MedusaError } from "@medusajs/framework/utils"
import { CheckoutCart, CheckoutCustomer } from "../../../core/checkout-cart"
import { toMinorUnits } from "../../../core/money"
import { CreateOrderRequest, OpttyAddress, OpttyOrderItem } from "../api/requests"
import { opttyNumber } from "../money"

export interface OrderRequestInput {
  orderReference: string
  bnplProvider: string
  /** upper case ISO 4217 */
  currency: string
  amountMinor: number
  cart: CheckoutCart
  locale: string
  redirectUrl: string
  webhookUrl?: string
}

/**
 * Optty's create-order body from the server-side checkout cart. Optty checks
 * `orderAmount = Σ totalAmount + shippingAmount + taxAmount − discountAmount` with prices
 * excluding tax, each at 2 decimals. Discounts are already folded into the cart's prices, so the
 * only gap to close is rounding: unit prices are rounded to the cent, and the tax line takes the
 * remaining cents (a discount line if rounding went up). The tax sent is then the real tax ± a
 * few cents, and the order always adds up.
 */
export function buildOrderRequest(input: OrderRequestInput): CreateOrderRequest {
  const { cart, currency, amountMinor } = input
  const cartMinor = toMinorUnits(cart.total, currency)
  if (cartMinor !== amountMinor) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `The payment amount (${amountMinor} minor units) is not the cart's total (${cartMinor}): the cart changed, start the payment again`,
    )
  }
  if (cart.lines.length === 0) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Optty needs at least one cart line")
  }

  const lines = [...cart.lines].sort((a, b) => a.position - b.position)
  const orderItems: OpttyOrderItem[] = []
  let itemsMinor = 0
  for (const line of lines) {
    const unitMinor = toMinorUnits(line.unit_price_excl_tax, currency)
    itemsMinor += unitMinor * line.quantity
    orderItems.push({
      name: line.title,
      quantity: line.quantity,
      sku: line.sku || line.variant_id || line.line_item_id,
      unitPrice: opttyNumber(unitMinor, currency),
      totalAmount: opttyNumber(unitMinor * line.quantity, currency),
    })
  }
  const shippingMinor = cart.shipping.reduce(
    (sum, method) => sum + toMinorUnits(method.amount_excl_tax, currency),
    0,
  )
  const remainder = amountMinor - itemsMinor - shippingMinor

  const { buyer, billing } = requireBuyer(cart.customer)
  const delivery = cart.delivery ? address(cart.delivery) : null
  return {
    orderReference: input.orderReference,
    bnplProvider: input.bnplProvider,
    purchaseCountry: billing.country,
    purchaseCurrency: currency,
    locale: input.locale,
    orderAmount: opttyNumber(amountMinor, currency),
    orderItems,
    taxAmount: opttyNumber(Math.max(remainder, 0), currency),
    shippingAmount: opttyNumber(shippingMinor, currency),
    discountAmount: opttyNumber(Math.max(-remainder, 0), currency),
    customer: buyer,
    billingAddress: billing,
    ...(delivery ? { shippingAddress: delivery } : {}),
    dynamicRedirectUrl: input.redirectUrl,
    ...(input.webhookUrl ? { dynamicCallbackUrl: input.webhookUrl } : {}),
  }
}

const REQUIRED: Array<keyof CheckoutCustomer> = [
  "email",
  "first_name",
  "last_name",
  "address_1",
  "city",
  "postal_code",
  "country_code",
]

/** Optty's BNPL providers check the shopper: name, e-mail and billing address are required. */
function requireBuyer(customer: CheckoutCustomer | null): {
  buyer: CreateOrderRequest["customer"]
  billing: OpttyAddress
} {
  const missing = REQUIRED.filter((field) => !customer?.[field])
  if (!customer || missing.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Optty needs the cart's billing address with ${missing.join(", ")}`,
    )
  }
  return {
    buyer: {
      firstName: String(customer.first_name),
      lastName: String(customer.last_name),
      email: String(customer.email),
      ...(customer.phone ? { phone: customer.phone } : {}),
    },
    billing: address(customer),
  }
}

function address(customer: CheckoutCustomer): OpttyAddress {
  return {
    line1: customer.address_1 ?? "",
    ...(customer.address_2 ? { line2: customer.address_2 } : {}),
    city: customer.city ?? "",
    postcode: customer.postal_code ?? "",
    ...(customer.province ? { state: customer.province } : {}),
    country: (customer.country_code ?? "").toUpperCase(),
  }
}
