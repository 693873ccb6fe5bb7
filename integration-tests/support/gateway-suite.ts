import { createServer } from "node:net"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { reconcilePendingRefunds } from "../../src/jobs/reconcile-pending-refunds"
import { paymentState } from "./payment-state"
import { refundReportsHandled } from "./refund-outcomes"

/** What every gateway's integration suite needs, whatever the gateway. */

/**
 * The gateway suites' in-doubt window (the providers' `inDoubtWindowSeconds`): long enough that a
 * retry right after a lost answer falls inside it, short enough to wait out in a test.
 */
export const SUITE_IN_DOUBT_WINDOW_SECONDS = 8

/** Waits until a refund in doubt since `since` is past the suite's window. */
export async function waitOutInDoubtWindow(since: string): Promise<void> {
  const until = Date.parse(since) + SUITE_IN_DOUBT_WINDOW_SECONDS * 1000 + 250
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())))
}

/**
 * What happens by itself after a refund whose outcome is unknown: once its window has passed the
 * reconciliation job asks the gateway, which books it (found) or releases it (never made).
 * Nothing to do when no refund of the payment is in doubt.
 */
export async function settleInDoubtAtGateway(
  container: MedusaContainer,
  paymentId: string,
): Promise<void> {
  const doubt = (await paymentState(container, paymentId)).entries.find(
    (e) => e.status === "in_doubt",
  )
  if (!doubt) return
  await waitOutInDoubtWindow(doubt.created_at)
  const handled = refundReportsHandled(container)
  const { asked } = await reconcilePendingRefunds(container)
  if (!asked.includes(paymentId)) throw new Error(`the job did not ask about ${paymentId}`)
  await handled
}

/** A port nobody listens on: Medusa boots on it, so sandboxes can call its webhook route. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Polls until `check` returns a value (Medusa handles webhooks about 5 s after they arrive). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

/** The order a completed cart became, with its payment and line ids by product title. */
export async function orderOfCart(container: MedusaContainer, cartId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [cart],
  } = await query.graph({
    entity: "cart",
    fields: ["id", "completed_at", "order.id"],
    filters: { id: cartId },
  })
  const orderId = (cart as any)?.order?.id as string | undefined
  if (!orderId) return null
  const {
    data: [order],
  } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "items.id",
      "items.title",
      "payment_collections.payments.id",
      "payment_collections.payments.captured_at",
      "payment_collections.payments.data",
    ],
    filters: { id: orderId },
  })
  // the order exists a moment before its payment is linked: not placed yet
  const payment = (order as any).payment_collections?.[0]?.payments?.[0]
  if (!payment) return null
  return {
    orderId,
    paymentId: payment.id as string,
    payment,
    lines: Object.fromEntries((order as any).items.map((i: any) => [i.title, i.id])) as Record<
      string,
      string
    >,
  }
}

/**
 * Marks everything shipped, as seed-order.ts does: fulfilment is not what these suites test, and
 * the admin route needs inventory and fulfilment providers these shops do not set up.
 */
export async function fulfillAll(container: MedusaContainer, orderId: string) {
  const orders = container.resolve(Modules.ORDER)
  const order = await orders.retrieveOrder(orderId, { relations: ["items"] })
  await orders.registerFulfillment({
    order_id: orderId,
    items: (order.items ?? []).map((item) => ({ id: item.id, quantity: item.quantity })),
  })
}
