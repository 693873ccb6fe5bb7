import { lineItemSnapshot, shippingMethodSnapshot } from "../utils/line-snapshots"
import { byCreation } from "../utils/by-creation"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  buildCheckoutCart,
  CartAddressSnapshot,
  CartSnapshot,
  CheckoutCart,
} from "../../core/checkout-cart"
import { exactDecimal } from "../utils/exact-decimal"

// Wildcards on nested relations: Query leaves out nested big-number fields (prices, quantities,
// amounts) when they are named one by one, but returns them, with their exact raw twins, for `*`.
// `cart.total` makes the cart module compute its totals (it loads the relations it needs).
const FIELDS = [
  "id",
  "amount",
  "raw_amount",
  "currency_code",
  "cart.id",
  "cart.currency_code",
  "cart.email",
  "cart.total",
  "cart.raw_total",
  "cart.items.*",
  "cart.items.tax_lines.*",
  "cart.items.adjustments.*",
  "cart.shipping_methods.*",
  "cart.shipping_methods.tax_lines.*",
  "cart.shipping_methods.adjustments.*",
  "cart.credit_lines.*",
  "cart.billing_address.*",
  "cart.shipping_address.*",
]

type Row = Record<string, any>

function address(row: Row | null | undefined): CartAddressSnapshot | null {
  if (!row) return null
  return {
    first_name: row.first_name ?? null,
    last_name: row.last_name ?? null,
    phone: row.phone ?? null,
    company: row.company ?? null,
    address_1: row.address_1 ?? null,
    address_2: row.address_2 ?? null,
    postal_code: row.postal_code ?? null,
    city: row.city ?? null,
    country_code: row.country_code ?? null,
    province: row.province ?? null,
  }
}

/** The cart snapshot of a payment collection's cart, or null when the collection has no cart. */
export async function loadCartSnapshot(
  container: MedusaContainer,
  paymentCollectionId: string,
): Promise<CartSnapshot | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [collection],
  } = await query.graph({
    entity: "payment_collection",
    fields: FIELDS,
    filters: { id: paymentCollectionId },
  })
  const cart = (collection as Row | undefined)?.cart as Row | undefined
  if (!collection || !cart?.id) return null
  return {
    id: cart.id,
    currency_code: cart.currency_code,
    total: exactDecimal(cart, "total"),
    payment_amount: exactDecimal(collection as Row, "amount"),
    email: cart.email ?? null,
    items: [...(cart.items ?? [])].sort(byCreation).map(lineItemSnapshot),
    shipping_methods: [...(cart.shipping_methods ?? [])]
      .sort(byCreation)
      .map(shippingMethodSnapshot),
    credit_lines: (cart.credit_lines ?? []).map((line: Row) => ({
      amount: exactDecimal(line, "amount"),
    })),
    billing_address: address(cart.billing_address),
    shipping_address: address(cart.shipping_address),
  }
}

/**
 * The checkout cart of a payment collection's cart, computed server-side; null when the
 * collection has no cart (an order's or order edit's collection) or does not exist. Throws a
 * MedusaError (INVALID_DATA) when the cart cannot be described as lines, see `buildCheckoutCart`.
 */
export async function loadCheckoutCart(
  container: MedusaContainer,
  paymentCollectionId: string,
): Promise<CheckoutCart | null> {
  const snapshot = await loadCartSnapshot(container, paymentCollectionId)
  return snapshot ? buildCheckoutCart(snapshot) : null
}

export const loadCheckoutCartStep = createStep(
  "line-refunds-load-checkout-cart",
  async (input: { payment_collection_id: string }, { container }) =>
    new StepResponse(await loadCheckoutCart(container, input.payment_collection_id)),
)
