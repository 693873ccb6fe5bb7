/**
 * `medusa exec integration-tests/bench/seed-refund-orders.ts <count> <out.json>`: seeds the
 * refund-overhead bench's orders in whichever app runs it (this repository's or the plain
 * baseline app, integration-tests/bench/baseline-app), so both hold the very same orders.
 *
 * One Dutch shop (the tax regions and promotion of integration-tests/support/market-taxes.ts),
 * then `count` orders as integration-tests/support/seed-order.ts makes them — Shirt 2 × 25.00
 * excl. 21 %, Mug 3 × 12.10 incl. 21 %, Book 2 × 40.00 excl. 9 % with BOOK10, shipping 4.95 —
 * paid with Medusa's system provider, captured, fulfilled, and a return of 1 Shirt, 2 Mugs and
 * 1 Book received through the workflows the admin's return routes run. It writes, per order,
 * the payment to refund and what Medusa says the order is owed (−pending_difference: what the
 * admin's Refund form is given).
 */
import fs from "node:fs"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  beginReceiveReturnWorkflow,
  beginReturnOrderWorkflow,
  capturePaymentWorkflow,
  confirmReturnReceiveWorkflow,
  confirmReturnRequestWorkflow,
  createOrderPaymentCollectionWorkflow,
  createOrderWorkflow,
  createPaymentSessionsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  receiveItemReturnRequestWorkflow,
  requestItemReturnWorkflow,
} from "@medusajs/medusa/core-flows"
import { BOOK10, seedTaxesAndPromotion } from "../support/market-taxes"

export const SYSTEM_PROVIDER = "pp_system_default"

/** One seeded order, as the bench refunds it. */
export interface BenchOrder {
  order_id: string
  payment_id: string
  /** what the order is owed after its return (major units, as the admin sends it) */
  owed: number
}

interface Shop {
  regionId: string
  variants: { shirt: string; mug: string; book: string }
}

const ADDRESS = {
  first_name: "Sam",
  last_name: "Jansen",
  address_1: "Damrak 1",
  city: "Amsterdam",
  postal_code: "1012 LG",
  country_code: "nl",
}

async function seedShop(container: MedusaContainer): Promise<Shop> {
  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: "Netherlands",
          currency_code: "eur",
          countries: ["nl"],
          payment_providers: [SYSTEM_PROVIDER],
        },
      ],
    },
  })
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: ["Shirt", "Mug", "Book"].map((title) => ({
        title,
        status: "published" as const,
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
  return {
    regionId: region.id,
    variants: { shirt: shirt.variants[0].id, mug: mug.variants[0].id, book: book.variants[0].id },
  }
}

async function seedOrder(container: MedusaContainer, shop: Shop, i: number): Promise<BenchOrder> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { result: created } = await createOrderWorkflow(container).run({
    input: {
      region_id: shop.regionId,
      // one customer per order: orders seeded at once would race to create the same one
      email: `sam+${i}@example.com`,
      currency_code: "eur",
      shipping_address: ADDRESS,
      billing_address: ADDRESS,
      items: [
        {
          variant_id: shop.variants.shirt,
          title: "Shirt",
          quantity: 2,
          unit_price: 25,
          is_tax_inclusive: false,
        },
        {
          variant_id: shop.variants.mug,
          title: "Mug",
          quantity: 3,
          unit_price: 12.1,
          is_tax_inclusive: true,
        },
        {
          variant_id: shop.variants.book,
          title: "Book",
          quantity: 2,
          unit_price: 40,
          is_tax_inclusive: false,
        },
      ],
      shipping_methods: [{ name: "Standard", amount: 4.95 }],
      promo_codes: [BOOK10],
    } as never,
  })
  const {
    data: [order],
  } = await query.graph({
    entity: "order",
    fields: ["id", "total", "items.id", "items.title", "items.quantity"],
    filters: { id: created.id },
  })
  const items = order.items as Array<{ id: string; title: string; quantity: number }>
  const lineId = (title: string) => items.find((item) => item.title === title)!.id

  const { result: collections } = await createOrderPaymentCollectionWorkflow(container).run({
    input: { order_id: order.id, amount: order.total as number },
  })
  const { result: session } = await createPaymentSessionsWorkflow(container).run({
    input: { payment_collection_id: collections[0].id, provider_id: SYSTEM_PROVIDER, data: {} },
  })
  const payment = (await container
    .resolve(Modules.PAYMENT)
    .authorizePaymentSession(session.id, {}))!
  await capturePaymentWorkflow(container).run({ input: { payment_id: payment.id } })
  await container.resolve(Modules.ORDER).registerFulfillment({
    order_id: order.id,
    items: items.map((item) => ({ id: item.id, quantity: item.quantity })),
  })

  const returned = [
    { id: lineId("Shirt"), quantity: 1 },
    { id: lineId("Mug"), quantity: 2 },
    { id: lineId("Book"), quantity: 1 },
  ]
  const { result: change } = await beginReturnOrderWorkflow(container).run({
    input: { order_id: order.id },
  })
  const returnId = change.return_id as string
  await requestItemReturnWorkflow(container).run({
    input: { return_id: returnId, items: returned },
  })
  await confirmReturnRequestWorkflow(container).run({ input: { return_id: returnId } })
  await beginReceiveReturnWorkflow(container).run({ input: { return_id: returnId } })
  await receiveItemReturnRequestWorkflow(container).run({
    input: { return_id: returnId, items: returned },
  })
  await confirmReturnReceiveWorkflow(container).run({ input: { return_id: returnId } })

  const {
    data: [returnedOrder],
  } = await query.graph({
    entity: "order",
    fields: ["id", "summary.*"],
    filters: { id: order.id },
  })
  const owed = -Number((returnedOrder.summary as { pending_difference: number }).pending_difference)
  return { order_id: order.id, payment_id: payment.id, owed }
}

/** Runs `work` for 0…count−1, `concurrency` at a time, results in index order. */
async function inPool<T>(count: number, concurrency: number, work: (i: number) => Promise<T>) {
  const results: T[] = new Array(count)
  let next = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      results[i] = await work(i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return results
}

export default async function seedRefundOrders({
  container,
  args,
}: {
  container: MedusaContainer
  args: string[]
}) {
  const [count, out] = args
  if (!Number(count) || !out) throw new Error("usage: medusa exec <this file> <count> <out.json>")
  const shop = await seedShop(container)
  const orders = await inPool(Number(count), 4, (i) => seedOrder(container, shop, i))
  fs.writeFileSync(out, JSON.stringify(orders))
}
