import { seedTaxesAndPromotion } from "./market-taxes"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createOrderPaymentCollectionWorkflow,
  createOrderWorkflow,
  createPaymentSessionsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
} from "@medusajs/medusa/core-flows"

/** A test gateway built on the plugin's provider base class (integration-tests/recording-provider). */
export const RECORDING_PROVIDER = "pp_recording_recording"
/** A provider outside the plugin: amount refunds only, as Stripe's (same folder). */
export const OUTSIDE_PROVIDER = "pp_outside_recording"
/** Medusa's own manual payment provider. */
export const SYSTEM_PROVIDER = "pp_system_default"

export interface SeededOrder {
  orderId: string
  paymentId: string
  /** order line item ids by role */
  lines: { shirt: string; mug: string; book: string }
  shippingMethodId: string
}

/**
 * A realistic order of a Dutch store, created the way the draft-order flow does it, with Medusa
 * computing taxes from tax regions and the discount from a real promotion:
 * - Shirt: 2 × 25.00 excl. 21% VAT
 * - Mug: 3 × 12.10 incl. 21% VAT
 * - Book: 2 × 40.00 excl. 9% VAT, with promotion BOOK10 (10.00 off the line)
 * - Standard shipping 4.95 excl. 21% VAT
 * Paid with the recording provider (or `provider`), captured, and fully fulfilled, ready to be
 * returned.
 */
export async function seedPaidOrder(
  container: MedusaContainer,
  api: any,
  admin: { headers: Record<string, string> },
  provider: string = RECORDING_PROVIDER,
): Promise<SeededOrder> {
  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: "Netherlands",
          currency_code: "eur",
          countries: ["nl"],
          payment_providers: [provider],
        },
      ],
    },
  })
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: ["Shirt", "Mug", "Book"].map((title) => ({
        title,
        options: [{ title: "Default", values: ["Default"] }],
        variants: [
          {
            title,
            sku: `${title.toUpperCase()}-1`,
            options: { Default: "Default" },
            manage_inventory: false,
          },
        ],
      })),
    },
  })
  const [shirt, mug, book] = products
  await seedTaxesAndPromotion(container, book)

  const address = {
    first_name: "Sam",
    last_name: "Jansen",
    address_1: "Damrak 1",
    city: "Amsterdam",
    postal_code: "1012 LG",
    country_code: "nl",
  }
  const { result: created } = await createOrderWorkflow(container).run({
    input: {
      region_id: region.id,
      email: "sam@example.com",
      currency_code: "eur",
      shipping_address: address,
      billing_address: address,
      items: [
        {
          variant_id: shirt.variants[0].id,
          title: "Shirt",
          quantity: 2,
          unit_price: 25,
          is_tax_inclusive: false,
        },
        {
          variant_id: mug.variants[0].id,
          title: "Mug",
          quantity: 3,
          unit_price: 12.1,
          is_tax_inclusive: true,
        },
        {
          variant_id: book.variants[0].id,
          title: "Book",
          quantity: 2,
          unit_price: 40,
          is_tax_inclusive: false,
        },
      ],
      shipping_methods: [{ name: "Standard", amount: 4.95 } as never],
      promo_codes: ["BOOK10"],
    } as never,
  })

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({
    entity: "order",
    fields: ["id", "total", "items.id", "items.title", "items.quantity", "shipping_methods.id"],
    filters: { id: created.id },
  })
  const lineId = (title: string) => order.items!.find((i: any) => i.title === title)!.id

  const { result: collection } = await createOrderPaymentCollectionWorkflow(container).run({
    input: { order_id: order.id, amount: order.total as number },
  })
  const { result: session } = await createPaymentSessionsWorkflow(container).run({
    input: { payment_collection_id: collection[0].id, provider_id: provider, data: {} },
  })
  const payment = (await container
    .resolve(Modules.PAYMENT)
    .authorizePaymentSession(session.id, {}))!
  await api.post(`/admin/payments/${payment.id}/capture`, {}, admin)
  await container.resolve(Modules.ORDER).registerFulfillment({
    order_id: order.id,
    items: order.items!.map((item: any) => ({ id: item.id, quantity: item.quantity })),
  })

  return {
    orderId: order.id,
    paymentId: payment.id,
    lines: { shirt: lineId("Shirt"), mug: lineId("Mug"), book: lineId("Book") },
    shippingMethodId: order.shipping_methods![0].id,
  }
}

/** Receives a return of these line quantities through the admin API, as staff do at the warehouse. */
export async function receiveReturn(
  api: any,
  admin: { headers: Record<string, string> },
  orderId: string,
  items: Array<{ id: string; quantity: number }>,
  /** of the requested units, these arrive damaged (Medusa: dismiss-items) */
  options: { damaged?: Array<{ id: string; quantity: number }> } = {},
): Promise<string> {
  const { data: created } = await api.post("/admin/returns", { order_id: orderId }, admin)
  const returnId = created.return.id
  await api.post(`/admin/returns/${returnId}/request-items`, { items }, admin)
  await api.post(`/admin/returns/${returnId}/request`, {}, admin)
  await api.post(`/admin/returns/${returnId}/receive`, {}, admin)
  const damaged = new Map((options.damaged ?? []).map((d) => [d.id, d.quantity]))
  const intact = items
    .map((item) => ({ id: item.id, quantity: item.quantity - (damaged.get(item.id) ?? 0) }))
    .filter((item) => item.quantity > 0)
  if (intact.length)
    await api.post(`/admin/returns/${returnId}/receive-items`, { items: intact }, admin)
  if (damaged.size) {
    await api.post(`/admin/returns/${returnId}/dismiss-items`, { items: options.damaged }, admin)
  }
  await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, admin)
  return returnId
}
