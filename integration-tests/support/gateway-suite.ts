import { createServer } from "node:net"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { reconcilePendingRefunds } from "../../src/jobs/reconcile-pending-refunds"
import type { RecordedRequest } from "../sandboxes/kit/request-log"
import { orderSummary, paymentState } from "./payment-state"
import { receiveReturn } from "./seed-order"
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

/**
 * Starts a gateway's sandbox before the Medusa app boots and points medusa-config.ts at it
 * (`env` of the started sandbox), with Medusa on a known port so the sandbox can deliver
 * notifications to Medusa's real webhook route. Call at the top level of a suite, before the
 * test runner.
 */
export function useGatewaySandbox<S extends { close(): Promise<void> }>(input: {
  name: string
  start: () => Promise<S>
  env: (sandbox: S) => Record<string, string>
}): { sandbox: () => S } {
  let sandbox: S | undefined
  beforeAll(async () => {
    sandbox = await input.start()
    process.env.PORT = String(await freePort())
    Object.assign(process.env, input.env(sandbox))
  })
  afterAll(async () => {
    await sandbox?.close()
  })
  return {
    sandbox: () => {
      if (!sandbox) throw new Error(`the ${input.name} sandbox is not running`)
      return sandbox
    },
  }
}

/** What staff do in every gateway's test shop, and what its sandbox received. */
export function shopBasics(input: {
  api: any
  sandbox: () => { control: { requests(): RecordedRequest[] } }
  context: () => { admin: { headers: Record<string, string> } }
}) {
  const { api } = input
  const requests = (method: string, path: RegExp) =>
    input
      .sandbox()
      .control.requests()
      .filter((r) => r.method === method && path.test(r.path))
  const owed = async (orderId: string) =>
    -(await orderSummary(api, input.context().admin, orderId)).pending_difference

  /** The stock admin Refund button with an amount. */
  function pressRefund(paymentId: string, amount: number) {
    return api
      .post(`/admin/payments/${paymentId}/refund`, { amount }, input.context().admin)
      .then(() => ({ error: null as any }))
      .catch((error: any) => ({ error: error.response }))
  }

  /** Receives a return of these units and presses the stock Refund button for what is owed. */
  async function refundReturn(
    placed: { orderId: string; paymentId: string },
    items: Array<{ id: string; quantity: number }>,
  ) {
    const returnId = await receiveReturn(api, input.context().admin, placed.orderId, items)
    const amount = await owed(placed.orderId)
    return { ...(await pressRefund(placed.paymentId, amount)), amount, returnId }
  }

  return { requests, owed, pressRefund, refundReturn }
}
