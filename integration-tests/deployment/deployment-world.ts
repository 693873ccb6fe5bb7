/**
 * The multi-process deployment the suite runs against (see README.md here): two Medusa servers
 * and one worker of this repository's app on one PostgreSQL database and one Redis, with Medusa's
 * Redis event bus, workflow engine, locking and cache, and the gateway sandboxes. What the
 * scenarios read to judge the outcome comes from the two sources of truth: the gateway's own
 * state (its sandbox's control API) and Medusa's database.
 */
import { controlClient, ControlClient } from "../sandboxes/kit/demo-actions"
import { createDemoOrder, DemoOrder, demoActionsOf } from "../dev/demo-orders"
import { adminApi, AdminApi } from "../dev/store-http"
import { gatewayDescriptors } from "../../src/gateway-kit/descriptors"
import { ensureRedis, flushRedisDatabase, RedisChoice } from "../support/redis-server"
import { Deployment, startDeployment } from "../support/store-deployment"

/** Redis's logical database of this suite: its queues meet nobody else's. */
const REDIS_DATABASE = 11
/** The sandboxes listen on their default ports + this (the dev store and packed check use others). */
const SANDBOX_PORT_OFFSET = 500
/** Medusa hands a webhook to the provider through the event bus this much later (its route's delay). */
export const MEDUSA_WEBHOOK_DELAY_MS = 5000

export const SERVER_A = "server-a"
export const SERVER_B = "server-b"
export const WORKER = "worker"

export const GATEWAY = "optty"
export const PROVIDER = "pp_optty_optty"

export interface World {
  deployment: Deployment
  redis: Extract<RedisChoice, { available: true }>
  /** the admin API through one process */
  adminOn(process: string): AdminApi
  control: ControlClient
  newOrder(state: "return_awaiting_refund" | "refund_pending"): Promise<DemoOrder>
  actions: ReturnType<typeof demoActionsOf>
}

/** The deployment, or `{ notRun }` with the reason when no Redis can be had on this machine. */
export async function startWorld(): Promise<World | { notRun: string }> {
  const redis = await ensureRedis(REDIS_DATABASE)
  if (!redis.available) return { notRun: redis.reason }
  await flushRedisDatabase(redis.url)
  let deployment: Deployment
  try {
    deployment = await startDeployment({
      name: "deployment",
      redisUrl: redis.url,
      sandboxPortOffset: SANDBOX_PORT_OFFSET,
      demoShop: true,
      processes: [
        { name: SERVER_A, workerMode: "server" },
        { name: SERVER_B, workerMode: "server" },
        { name: WORKER, workerMode: "worker" },
      ],
      env: {
        // the reconciliation job every 5 s, so a scenario does not wait a quarter of an hour
        LINE_REFUNDS_RECONCILE_SCHEDULE: "*/5 * * * * *",
      },
    })
  } catch (error) {
    await redis.stop()
    throw error
  }
  const gateway = gatewayDescriptors().find((g) => g.identifier === GATEWAY)!
  const sandbox = deployment.sandboxes.find((s) => s.identifier === GATEWAY)!
  const control = controlClient(sandbox.origin)
  const adminOn = (name: string) =>
    adminApi({ backendUrl: deployment.process(name).url, admin: deployment.admin })
  return {
    deployment,
    redis,
    adminOn,
    control,
    actions: demoActionsOf(gateway),
    newOrder: (state) =>
      createDemoOrder({
        backendUrl: deployment.url,
        admin: deployment.admin,
        provider: PROVIDER,
        state,
        shop: deployment.shop!,
        sandboxOrigin: sandbox.origin,
      }),
  }
}

export interface LedgerRefund {
  id: string
  /** declared by the demo actions' LedgerRefundSeen; the ledger route does not send it */
  idempotency_key: string
  gateway_reference: string | null
  status: string
  source: string
  amount: string
  currency_code: string
  failure_reason: string | null
}

/** The plugin's ledger of the order, as the admin widget reads it. */
export async function ledgerOf(world: World, orderId: string): Promise<LedgerRefund[]> {
  const { refunds } = await world.adminOn(SERVER_A).get(`/admin/line-refunds/orders/${orderId}`)
  return refunds
}

/** The refunds the gateway itself holds for its order (amounts as the sandbox stores them). */
export async function gatewayRefunds(
  world: World,
  gatewayOrder: string,
): Promise<Array<{ refundId: string; status: string; amount: unknown; refundReference?: string }>> {
  const order = await world.control.get(`orders/${encodeURIComponent(gatewayOrder)}`)
  return order.refunds ?? []
}

/** Medusa's live refund rows of the payment. */
export async function medusaRefunds(world: World, paymentId: string) {
  return world.deployment.sql<{ id: string; amount: string }>(
    `select id, raw_amount->>'value' as amount from refund where payment_id = $1 and deleted_at is null`,
    [paymentId],
  )
}

/** Polls until `check` gives a value; fails naming `what`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last}` : ""}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
