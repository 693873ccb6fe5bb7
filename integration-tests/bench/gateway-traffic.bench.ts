/**
 * `npm run bench`, gateway traffic: two figures from the issue, measured on one store deployed
 * as a host runs it (integration-tests/support/store-deployment.ts: `medusa start`, its own
 * database, the four gateway sandboxes, the demo shop).
 *
 * 1. **Gateway round trips per refund**, per gateway, provider and way of paying
 *    (gateway-traffic-calls.ts `paymentVariants`), through each entry point: the plugin's return
 *    route `POST /admin/line-refunds/returns/:id/refund`, Medusa's stock Refund button
 *    `POST /admin/payments/:id/refund` with the amount the return is owed, and a later
 *    amount-only refund of an order refunded once already. The calls are read from the sandbox's
 *    request log before and after the refund; every call has its reason in
 *    gateway-traffic-reasons.ts, and an unexplained call (or a reason whose call did not happen)
 *    fails the bench. The calls the refund's own notification causes seconds later are counted
 *    apart.
 * 2. **Webhook → order updated**: a pending refund declined at the gateway, from the delivery of
 *    the gateway's notification to the order showing it (gateway-traffic-webhooks.ts), in total
 *    and after Medusa's fixed webhook delay.
 *
 * Alone: `BENCH_ONLY=traffic npm run bench`.
 */
import type { GatewayDescriptor } from "../../src/gateway-kit/descriptor"
import { gatewayDescriptors } from "../../src/gateway-kit/descriptors"
import { createDemoOrder, demoActionsOf, DemoOrder } from "../dev/demo-orders"
import { adminApi, AdminApi } from "../dev/store-http"
import { controlClient, ControlClient } from "../sandboxes/kit/demo-actions"
import { startDeployment } from "../support/store-deployment"
import type { BenchSection } from "./bench-types"
import {
  attributeCalls,
  gatewayIdsOf,
  PaymentVariant,
  paymentVariants,
  requestLog,
} from "./gateway-traffic-calls"
import { checkReasons } from "./gateway-traffic-reasons"
import {
  EntryPoint,
  RefundTraffic,
  shownCall,
  trafficSection,
  webhookSection,
} from "./gateway-traffic-report"
import {
  lastDelivery,
  MAX_WEBHOOK_REPEATS,
  medusaWebhookDelay,
  pendingRefunds,
  WebhookGateway,
  webhookOrderSpec,
  webhookSamples,
} from "./gateway-traffic-webhooks"
/** declined refunds measured per gateway */
const WEBHOOK_REPEATS = Math.min(
  MAX_WEBHOOK_REPEATS,
  Math.max(1, Number(process.env.BENCH_WEBHOOK_REPEATS || 5)),
)
/** waited beyond Medusa's webhook delay after the last notification, for its handling to end */
const QUIET_MARGIN_MS = 2_000
/** demo orders made at once */
const CONCURRENCY = 4

type Gateway = WebhookGateway

/** BENCH_VERBOSE=1: when each phase ended, on stderr */
const progress = (what: string) => {
  if (process.env.BENCH_VERBOSE)
    console.error(`[gateway-traffic] ${new Date().toISOString()} ${what}`)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

export async function runGatewayTrafficBench(): Promise<BenchSection[]> {
  const startedAt = Date.now()
  const delay = medusaWebhookDelay()
  const deployment = await startDeployment({
    name: "bench-traffic",
    processes: [{ name: "store", workerMode: "shared" }],
    sandboxPortOffset: 700,
    demoShop: true,
  })
  try {
    const store = { backendUrl: deployment.url, admin: deployment.admin }
    const admin = adminApi(store)
    const shop = deployment.shop!
    const gateways = new Map<string, Gateway>()
    for (const descriptor of gatewayDescriptors()) {
      const sandbox = deployment.sandboxes.find((s) => s.identifier === descriptor.identifier)
      if (sandbox && descriptor.dev.demoOrders)
        gateways.set(descriptor.identifier, { descriptor, control: controlClient(sandbox.origin) })
    }
    const { payment_providers } = await admin.get("/admin/payments/payment-providers?limit=100")
    const registered: string[] = payment_providers.map((p: { id: string }) => p.id)
    const variants = [...gateways.values()].flatMap((g) =>
      paymentVariants(g.descriptor, registered),
    )
    // Demo orders of one state share a guest email: Medusa creates that customer with the first
    // cart, and two first carts at once collide, so each state's first order is made alone.
    const customerMade = new Map<string, Promise<unknown>>()
    const order = async (
      gateway: Gateway,
      provider: string,
      state: "return_awaiting_refund" | "refund_pending",
      overrides = {},
    ) => {
      const make = () =>
        createDemoOrder({
          backendUrl: deployment.url,
          admin: deployment.admin,
          shop,
          provider,
          state,
          sandboxOrigin: gateway.control.origin,
          overrides,
        })
      const first = customerMade.get(state)
      if (first) return first.then(make)
      const made = make()
      customerMade.set(
        state,
        made.catch(() => undefined),
      )
      return made
    }
    progress("deployed")

    // ---- the orders: two per variant (one per entry point); per gateway one with pending refunds ----
    type Job = { kind: "refund"; variant: PaymentVariant } | { kind: "webhook"; gateway: Gateway }
    const jobs: Job[] = [
      ...[...gateways.values()].map((gateway): Job => ({ kind: "webhook", gateway })),
      ...variants.flatMap((variant): Job[] => [
        { kind: "refund", variant },
        { kind: "refund", variant },
      ]),
    ]
    const made = await inBatches(jobs, CONCURRENCY, async (job) => {
      if (job.kind === "refund") {
        const g = gateways.get(job.variant.gateway.identifier)!
        return {
          job,
          order: await order(
            g,
            job.variant.provider,
            "return_awaiting_refund",
            job.variant.overrides,
          ),
          pending: [],
        }
      }
      const spec = pendingSpec(job.gateway.descriptor)
      const demo = await order(
        job.gateway,
        `pp_${job.gateway.descriptor.identifier}_${spec.provider}`,
        "refund_pending",
        webhookOrderSpec(WEBHOOK_REPEATS),
      )
      const pending = await pendingRefunds({
        order: demo,
        repeats: WEBHOOK_REPEATS,
        admin,
        shop,
        market: spec.market,
        control: job.gateway.control,
        actions: demoActionsOf(job.gateway.descriptor),
      })
      return { job, order: demo, pending }
    })
    const preparedAt = Date.now()
    progress("orders made")
    const controls = [...gateways.values()].map((g) => g.control)
    await quiet(controls, delay.ms)

    // ---- round trips: each gateway's refunds one after another, the gateways side by side ----
    const traffic: RefundTraffic[] = []
    const ordersOf = (variant: PaymentVariant) =>
      made.filter((m) => m.job.kind === "refund" && m.job.variant === variant).map((m) => m.order)
    await Promise.all(
      [...gateways.values()].map(async (g) => {
        for (const variant of variants.filter((v) => v.gateway === g.descriptor)) {
          const [viaReturn, viaStock] = ordersOf(variant)
          traffic.push(
            await measureRefund(g, variant, "return route", viaReturn, 0, () =>
              admin.post(`/admin/line-refunds/returns/${viaReturn.returnId}/refund`, {
                include_shipping: false,
              }),
            ),
          )
          const owed = await owedFor(admin, viaStock)
          traffic.push(
            await measureRefund(g, variant, "stock button", viaStock, 0, () =>
              admin.post(`/admin/payments/${viaStock.paymentId}/refund`, { amount: owed }),
            ),
          )
        }
      }),
    )
    progress("first refunds made")

    // ---- quiet again (the refunds' own notifications handled), then the webhook measurements ----
    await quiet(controls, delay.ms)
    await countFollowUps(gateways, traffic)
    const webhookOrders = made.flatMap((m) =>
      m.job.kind === "webhook"
        ? [{ gateway: m.job.gateway, order: m.order, pending: m.pending }]
        : [],
    )
    const samples = await webhookSamples(webhookOrders, WEBHOOK_REPEATS, admin, delay.ms)
    progress("webhooks measured")

    // ---- a later refund of each return-route order: one refund on record already ----
    const later: RefundTraffic[] = []
    await Promise.all(
      [...gateways.values()].map(async (g) => {
        for (const first of traffic.filter(
          (t) => t.variant.gateway === g.descriptor && t.entry === "return route",
        )) {
          const amount = await laterAmount(admin, first.order)
          later.push(
            await measureRefund(g, first.variant, "later refund", first.order, 1, () =>
              admin.post(`/admin/payments/${first.order.paymentId}/refund`, { amount }),
            ),
          )
        }
      }),
    )
    await quiet(controls, delay.ms)
    await countFollowUps(gateways, later)
    traffic.push(...later)
    progress("later refunds made")

    const problems = checkReasons(traffic)
    if (problems.length) {
      throw new Error(
        `gateway round trips without a reason, or reasons that did not happen:\n  ${problems.join("\n  ")}\n` +
          `observed:\n${traffic.map((t) => `  ${t.label}: ${t.calls.map(shownCall).join(" → ")}; after its notification: ${t.followUps.map(shownCall).join(", ") || "none"}`).join("\n")}`,
      )
    }
    return [
      trafficSection(traffic),
      webhookSection(samples, delay, Date.now() - startedAt, preparedAt - startedAt),
    ]
  } finally {
    await deployment.stop()
  }
}

/** The gateway's pending demo order: the webhook orders are made like it. */
function pendingSpec(gateway: GatewayDescriptor) {
  const spec = gateway.dev.demoOrders?.orders.find((o) => o.state === "refund_pending")
  if (!spec) throw new Error(`${gateway.name} describes no pending demo refund`)
  return spec
}

/**
 * Waits until every notification the sandboxes sent was handled: Medusa hands each to its
 * provider after its webhook delay, and the provider may read the gateway then.
 */
async function quiet(controls: ControlClient[], delayMs: number) {
  await sleep((await lastDelivery(controls)) + delayMs + QUIET_MARGIN_MS - Date.now())
}

/** What the order's received return is owed, as Medusa's Refund form would be given it. */
async function owedFor(admin: AdminApi, order: DemoOrder): Promise<number> {
  const summary = await admin.get(`/admin/line-refunds/orders/${order.orderId}`)
  const owed = summary.returns.find((r: { id: string }) => r.id === order.returnId)
  if (!owed?.amount_to_refund) throw new Error(`order ${order.orderId} owes nothing for its return`)
  return Number(owed.amount_to_refund)
}

/** A small amount-only refund in the order's currency (whole yen in JPY). */
async function laterAmount(admin: AdminApi, order: DemoOrder): Promise<number> {
  const { currency_code } = await admin.get(`/admin/line-refunds/orders/${order.orderId}`)
  return currency_code === "jpy" ? 100 : 1
}

async function measureRefund(
  gateway: Gateway,
  variant: PaymentVariant,
  entry: EntryPoint,
  order: DemoOrder,
  earlierRefunds: number,
  refund: () => Promise<unknown>,
): Promise<RefundTraffic> {
  const identifier = gateway.descriptor.identifier
  const before = (await requestLog(gateway.control)).length
  const started = Date.now()
  await refund()
  const ms = Date.now() - started
  const log = await requestLog(gateway.control)
  const ids = await gatewayIdsOf(identifier, gateway.control, order.gatewayOrder)
  const { calls, foreign } = attributeCalls(identifier, log.slice(before), ids, order.gatewayOrder)
  return {
    label: `${gateway.descriptor.name} ${variant.label} — ${entry}`,
    refund: { gateway: identifier, earlierRefunds },
    calls,
    variant,
    entry,
    order,
    ms,
    foreign,
    logEnd: log.length,
    followUps: [],
  }
}

/** The calls about each refund's order made after it, until now: its notification's doing. */
async function countFollowUps(gateways: Map<string, Gateway>, refunds: RefundTraffic[]) {
  for (const refund of refunds) {
    const g = gateways.get(refund.refund.gateway)!
    const log = await requestLog(g.control)
    const ids = await gatewayIdsOf(refund.refund.gateway, g.control, refund.order.gatewayOrder)
    refund.followUps = attributeCalls(
      refund.refund.gateway,
      log.slice(refund.logEnd),
      ids,
      refund.order.gatewayOrder,
    ).calls
  }
}

/** Runs `make` over `items`, at most `size` at a time, keeping their order. */
async function inBatches<T, R>(items: T[], size: number, make: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await make(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker))
  return results
}
