/**
 * "Webhook received → order updated" for integration-tests/bench/gateway-traffic.bench.ts: a
 * refund pending at the gateway is declined there, the gateway notifies Medusa, and the time runs
 * from the delivery of that notification (the sandbox's notification log: the attempt Medusa
 * answered 2xx) until `GET /admin/line-refunds/orders/:id` shows the refund failed and the return
 * owed again.
 *
 * Medusa's webhook route (`@medusajs/medusa` dist/api/hooks/payment/[provider]/route.js) answers
 * at once and emits `payment.webhook_received` with `delay: options.webhook_delay || 5000`: the
 * provider sees the body only after that delay (docs/medusa.md#webhook-route). The part after it
 * is the plugin's: the provider's handling (and its re-read of the gateway) and the outcome
 * subscriber.
 */
import fs from "node:fs"
import path from "node:path"
import type {
  DemoOrderSpec,
  DemoProduct,
  GatewayDescriptor,
} from "../../src/gateway-kit/descriptor"
import { demoActionsOf, type DemoOrder } from "../dev/demo-orders"
import type { DemoShop } from "../dev/demo-shop"
import { AdminApi, StoreHttpError } from "../dev/store-http"
import { ControlClient, SandboxDemoActions, serialized } from "../sandboxes/kit/demo-actions"
import { gatewayIdsOf } from "./gateway-traffic-calls"

/** what the plugin's handling of a notification is assumed to take until one was measured */
export const FIRST_HANDLING_GUESS_MS = 1_500
/** beyond the slowest handling seen, between one delivery and the next decline */
export const SLOT_MARGIN_MS = 1_000

/** A gateway whose sandbox the measurements drive. */
export interface WebhookGateway {
  descriptor: GatewayDescriptor
  control: ControlClient
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

/** How the order is polled once the outcome can be there (the issue: every ~25 ms). */
export const POLL_MS = 25
/** Polling starts this long before Medusa hands the body over (nothing can change earlier). */
const POLL_LEAD_MS = 500

/**
 * Medusa's webhook delay as its webhook route has it, read from the installed package, and the
 * payment module's `webhook_delay` option when this app sets one (it does not).
 */
export function medusaWebhookDelay(): { ms: number; source: string } {
  const root = path.dirname(require.resolve("@medusajs/medusa/package.json"))
  const file = path.join(root, "dist/api/hooks/payment/[provider]/route.js")
  const text = fs.readFileSync(file, "utf8")
  const match = /delay:\s*options\.webhook_delay\s*\|\|\s*(\d+)/.exec(text)
  if (!match) throw new Error(`no webhook delay found in ${file}: Medusa's webhook route changed`)
  const source = `node_modules/@medusajs/medusa/dist/api/hooks/payment/[provider]/route.js: \`${match[0]}\``
  return { ms: Number(match[1]), source }
}

interface NotificationSeen {
  body: string
  outcome: string
  attempts: Array<{ at: string; statusCode: number | null }>
}

interface LedgerSummary {
  returns: Array<{ id: string; amount_to_refund: string | null }>
  refunds: Array<{
    id: string
    return_ids: string[]
    /** typed by LedgerRefundSeen, but the route does not answer it */
    idempotency_key: string
    gateway_reference: string | null
    status: string
    amount: string
    currency_code: string
  }>
}

export interface WebhookSample {
  gateway: string
  orderId: string
  /** ms since the epoch */
  controlStartedAt: number
  controlEndedAt: number
  deliveredAt: number
  /** when the poll that showed the outcome answered */
  updatedAt: number
  /**
   * the outcome was not there yet when the poll before it started: the update happened between
   * delivery + notBeforeMs and totalMs (a slow server makes that window as wide as one poll)
   */
  notBeforeMs: number
  /** delivered → order shows the outcome (the answer of the poll that showed it) */
  totalMs: number
  /** totalMs − Medusa's delay */
  afterDeliveryMs: number
  polls: number
  /** how long the poll that showed it took */
  lastPollMs: number
}

/**
 * What each measured refund gives back, one return each: different amounts, since MultiSafepay
 * refuses a refund of the same amount on an order within 5 minutes
 * (docs/gateways/multisafepay.md#refund-keys).
 */
const RETURN_SETS: ReadonlyArray<Partial<Record<DemoProduct, number>>> = [
  { mug: 1 },
  { shirt: 1 },
  { book: 1 },
  { mug: 2 },
  { shirt: 1, mug: 1 },
  { shirt: 1, book: 1 },
  { mug: 3 },
  { book: 1, mug: 1 },
]
export const MAX_WEBHOOK_REPEATS = RETURN_SETS.length

/** One refund pending at the gateway: the return it refunds and its ledger row. */
export interface PendingRefund {
  returnId: string
  /** the ledger row's id (`refunds[].id` of GET /admin/line-refunds/orders/:id) */
  ledgerId: string
}

/**
 * What the order of the webhook measurements changes in the gateway's pending demo order (which
 * keeps its provider, market and way of paying): it buys enough for `repeats` returns; the demo
 * order's own return and refund are the first, the rest are made by `pendingRefunds`, each refund
 * kept pending at the gateway.
 */
export function webhookOrderSpec(
  repeats: number,
): Partial<Omit<DemoOrderSpec, "provider" | "state">> {
  const items: Partial<Record<DemoProduct, number>> = {}
  for (const set of RETURN_SETS.slice(0, repeats))
    for (const [product, quantity] of Object.entries(set) as Array<[DemoProduct, number]>)
      items[product] = (items[product] ?? 0) + quantity
  return { items, returned: RETURN_SETS[0], promotion: false, refundShipping: false }
}

const oneStockStepAtATime = serialized()

/** Receives returns 2…repeats of the order and refunds each, pending at the gateway. */
export async function pendingRefunds(input: {
  order: DemoOrder
  repeats: number
  admin: AdminApi
  shop: DemoShop
  market: string
  control: ControlClient
  actions: SandboxDemoActions
}): Promise<PendingRefund[]> {
  const { order, admin } = input
  const { order: placed } = await admin.get(`/admin/orders/${order.orderId}?fields=id,*items`)
  const lineOf = (product: DemoProduct) => {
    const variantId = input.shop.products[product].variantId
    const line = placed.items.find((i: { variant_id: string }) => i.variant_id === variantId)
    if (!line) throw new Error(`order ${order.orderId} has no ${product}`)
    return line.id as string
  }
  const ledgerIdOf = async (returnId: string) => {
    const { refunds } = await summaryOf(admin, order.orderId)
    const refund = refunds.find((r) => r.return_ids.includes(returnId) && r.status === "pending")
    if (!refund) throw new Error(`the refund of return ${returnId} is not pending`)
    return refund.id
  }
  const made: PendingRefund[] = [
    { returnId: order.returnId!, ledgerId: await ledgerIdOf(order.returnId!) },
  ]
  for (const set of RETURN_SETS.slice(1, input.repeats)) {
    const items = (Object.entries(set) as Array<[DemoProduct, number]>).map(([p, quantity]) => ({
      id: lineOf(p),
      quantity,
    }))
    const { return: created } = await admin.post("/admin/returns", {
      order_id: order.orderId,
      location_id: input.shop.markets[input.market].stockLocationId,
      description: "Bench return",
    })
    await admin.post(`/admin/returns/${created.id}/request-items`, { items })
    await admin.post(`/admin/returns/${created.id}/request`, {})
    await admin.post(`/admin/returns/${created.id}/receive`, {})
    await admin.post(`/admin/returns/${created.id}/receive-items`, { items })
    await touchingStock(() => admin.post(`/admin/returns/${created.id}/receive/confirm`, {}))
    await input.actions.keepingRefundPending(input.control, () =>
      admin.post(`/admin/line-refunds/returns/${created.id}/refund`, {
        include_shipping: false,
        note: "Bench: pending refund",
      }),
    )
    made.push({ returnId: created.id, ledgerId: await ledgerIdOf(created.id) })
  }
  return made
}

/**
 * As demo-orders.ts does: steps that move stock run one at a time (Medusa locks each inventory
 * item), and one Medusa failed with a 5xx was rolled back, so it is tried again.
 */
function touchingStock<T>(step: () => Promise<T>): Promise<T> {
  return oneStockStepAtATime(async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await step()
      } catch (error) {
        if (!(error instanceof StoreHttpError && error.status >= 500) || attempt >= 3) throw error
        await sleep(2000)
      }
    }
  })
}

function summaryOf(admin: AdminApi, orderId: string): Promise<LedgerSummary> {
  return admin.get(`/admin/line-refunds/orders/${orderId}`)
}

/**
 * One measurement: the pending refund is declined at the sandbox (Smartpay sends no event when
 * a refund ends, docs/gateways/smartpay.md#refund-answer: its `refund.created` event is then sent
 * through the control API, and the provider re-reads the refund), and the order is watched until
 * that refund shows failed and its return owed again. Resolves once the notification was
 * delivered, with the time of delivery and the measurement still running (`done`).
 */
async function startWebhookMeasurement(input: {
  gateway: string
  order: DemoOrder
  refund: PendingRefund
  admin: AdminApi
  control: ControlClient
  actions: SandboxDemoActions
  delayMs: number
  reason: string
}): Promise<{ deliveredAt: number; done: Promise<WebhookSample> }> {
  const { gateway, order, admin, control } = input
  const pending = (await summaryOf(admin, order.orderId)).refunds.find(
    (r) => r.id === input.refund.ledgerId,
  )
  if (pending?.status !== "pending")
    throw new Error(`refund ${input.refund.ledgerId} of order ${order.orderId} is not pending`)
  const ids = await gatewayIdsOf(gateway, control, order.gatewayOrder)
  const notificationsBefore = (await notifications(control)).length

  const controlStartedAt = Date.now()
  await input.actions.declineRefund(control, order.gatewayOrder, pending, input.reason)
  if (gateway === "smartpay") {
    for (const id of (pending.gateway_reference ?? "").split("+").filter(Boolean))
      await control.post("notify", { type: "refund.created", id })
  }
  const controlEndedAt = Date.now()

  const deadline = Date.now() + 20_000
  let deliveredAt: number | null = null
  while (deliveredAt === null) {
    const fresh = (await notifications(control))
      .slice(notificationsBefore)
      .filter((n) => ids.some((id) => n.body.includes(id)))
    const times = fresh.flatMap((n) =>
      n.attempts
        .filter((a) => a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300)
        .map((a) => Date.parse(a.at)),
    )
    if (times.length) deliveredAt = Math.min(...times)
    else if (Date.now() > deadline)
      throw new Error(`${gateway}: no notification about ${order.gatewayOrder} was delivered`)
    else await sleep(POLL_MS)
  }
  const delivered = deliveredAt

  const shows = (s: LedgerSummary) =>
    s.refunds.some((r) => r.id === input.refund.ledgerId && r.status === "failed") &&
    s.returns.some((r) => r.id === input.refund.returnId && r.amount_to_refund !== null)
  const watch = async (): Promise<WebhookSample> => {
    await sleep(delivered + input.delayMs - POLL_LEAD_MS - Date.now())
    let polls = 0
    let previousStart = Date.now()
    for (;;) {
      const pollStart = Date.now()
      const seen = await summaryOf(admin, order.orderId)
      const at = Date.now()
      polls++
      if (shows(seen)) {
        if (at < delivered + input.delayMs)
          throw new Error(
            `${gateway}: order ${order.orderId} showed the declined refund ${at - delivered} ms after the notification, before Medusa's ${input.delayMs} ms delay ended: something else reported it`,
          )
        const totalMs = at - delivered
        return {
          gateway,
          orderId: order.orderId,
          controlStartedAt,
          controlEndedAt,
          deliveredAt: delivered,
          updatedAt: at,
          notBeforeMs: Math.max(0, (polls > 1 ? previousStart : pollStart) - delivered),
          totalMs,
          afterDeliveryMs: totalMs - input.delayMs,
          polls,
          lastPollMs: at - pollStart,
        }
      }
      if (at > delivered + input.delayMs + 30_000)
        throw new Error(`${gateway}: order ${order.orderId} never showed the declined refund`)
      previousStart = pollStart
      await sleep(POLL_MS)
    }
  }
  return { deliveredAt: delivered, done: watch() }
}

/**
 * The pending refunds declined one after another, round robin over the gateways. Each decline
 * is sent while the one before waits out Medusa's delay, timed so that its own handling starts
 * only after the one before was seen done: the next decline goes `slowest + SLOT_MARGIN_MS`
 * after the previous delivery, `slowest` being the longest handling seen so far. One
 * measurement polls at a time, and no two handlings meet (counted in the details if they do).
 */
export async function webhookSamples(
  orders: Array<{ gateway: WebhookGateway; order: DemoOrder; pending: PendingRefund[] }>,
  repeats: number,
  admin: AdminApi,
  delayMs: number,
): Promise<WebhookSample[]> {
  const schedule: Array<{ gateway: WebhookGateway; order: DemoOrder; refund: PendingRefund }> = []
  for (let i = 0; i < repeats; i++)
    for (const { gateway, order, pending } of orders)
      schedule.push({ gateway, order, refund: pending[i] })
  let slowest = FIRST_HANDLING_GUESS_MS
  let previous: { deliveredAt: number; done: Promise<WebhookSample> } | null = null
  const running: Promise<WebhookSample>[] = []
  for (const { gateway, order, refund } of schedule) {
    if (previous) await sleep(previous.deliveredAt + slowest + SLOT_MARGIN_MS - Date.now())
    const refundFailed = gateway.descriptor.dev.demoOrders?.orders.find(
      (o) => o.state === "refund_failed",
    )
    const started = await startWebhookMeasurement({
      gateway: gateway.descriptor.identifier,
      order,
      refund,
      admin,
      control: gateway.control,
      actions: demoActionsOf(gateway.descriptor),
      delayMs,
      reason: refundFailed?.declineReason ?? `${gateway.descriptor.name} declined the refund`,
    })
    const done = started.done.then((sample) => {
      slowest = Math.max(slowest, sample.afterDeliveryMs)
      return sample
    })
    done.catch(() => undefined) // reported by Promise.all below, not as an unhandled rejection
    running.push(done)
    previous = { deliveredAt: started.deliveredAt, done }
  }
  return Promise.all(running)
}

async function notifications(control: ControlClient): Promise<NotificationSeen[]> {
  const answer = await control.get("notifications")
  return (Array.isArray(answer) ? answer : answer.notifications) as NotificationSeen[]
}

/** Pairs of samples whose plugin parts (delivery + delay → updated) overlapped in time. */
export function overlaps(samples: WebhookSample[], delayMs: number): number {
  let count = 0
  for (let i = 0; i < samples.length; i++)
    for (let j = i + 1; j < samples.length; j++) {
      const a = samples[i]
      const b = samples[j]
      const start = Math.max(a.deliveredAt, b.deliveredAt) + delayMs
      if (start < Math.min(a.updatedAt, b.updatedAt)) count++
    }
  return count
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** When every notification the sandboxes sent so far was delivered (ms since the epoch). */
export async function lastDelivery(controls: ControlClient[]): Promise<number> {
  let last = 0
  for (const control of controls)
    for (const n of await notifications(control))
      for (const a of n.attempts) last = Math.max(last, Date.parse(a.at))
  return last
}
