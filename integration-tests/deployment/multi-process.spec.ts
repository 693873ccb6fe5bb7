/**
 * The plugin in a production-shaped deployment: two Medusa servers (MEDUSA_WORKER_MODE=server)
 * and one worker (worker) of this repository's app, real processes sharing PostgreSQL and Redis
 * through Medusa's Redis modules (deployment-world.ts). Every scenario is judged by the gateway's
 * own refunds (its sandbox) against Medusa's refunds and the plugin's ledger; the counts of all
 * scenarios are printed at the end.
 *
 * Without Redis on the machine (REDIS_URL, the local server, or an installed redis-server the
 * suite starts), the suite reports that it did not run and why; with
 * LINE_REFUNDS_REQUIRE_REDIS=1 (set by .ci/run) that is a failure.
 */
import { MathBN } from "@medusajs/framework/utils"
import type { DemoOrder } from "../dev/demo-orders"
import { StoreHttpError } from "../dev/store-http"
import {
  eventually,
  gatewayRefunds,
  ledgerOf,
  MEDUSA_WEBHOOK_DELAY_MS,
  medusaRefunds,
  SERVER_A,
  SERVER_B,
  sleep,
  startWorld,
  World,
  WORKER,
} from "./deployment-world"

jest.setTimeout(600_000)

let world: World | null = null
let notRun: string | null = null
/** Each scenario's order, made at once before the first scenario (the demo orders' HTTP flow). */
let orders: Record<(typeof ORDER_STATES)[number][0], DemoOrder>

const ORDER_STATES = [
  ["concurrent", "return_awaiting_refund"],
  ["webhookRace", "return_awaiting_refund"],
  ["workerDown", "refund_pending"],
  ["workerKilled", "refund_pending"],
  ["serverKilled", "return_awaiting_refund"],
] as const
const counts: Array<Record<string, string | number>> = []

beforeAll(async () => {
  process.env.MEDUSA_DISABLE_TELEMETRY = "true"
  const started = await startWorld()
  if ("notRun" in started) {
    notRun = started.notRun
    if (process.env.LINE_REFUNDS_REQUIRE_REDIS === "1") {
      throw new Error(`the multi-process suite needs Redis: ${notRun}`)
    }
    console.warn(`multi-process deployment suite NOT RUN: ${notRun}`)
    return
  }
  world = started
  // the two states in parallel; orders of one state one after the other (they share the demo
  // customer, whom two checkouts at once would both try to create)
  const made: Array<[string, DemoOrder]> = []
  await Promise.all(
    [...new Set(ORDER_STATES.map(([, state]) => state))].map(async (state) => {
      for (const [name] of ORDER_STATES.filter(([, s]) => s === state)) {
        made.push([name, await started.newOrder(state)])
      }
    }),
  )
  orders = Object.fromEntries(made) as typeof orders
})

afterAll(async () => {
  if (world) {
    await world.deployment.stop()
    await world.redis.stop()
  }
  if (counts.length) {
    console.log(
      `multi-process deployment (2 servers + 1 worker on Redis):\n${counts
        .map(
          (row) =>
            "  " +
            Object.entries(row)
              .map(([k, v]) => `${k}: ${v}`)
              .join(" | "),
        )
        .join("\n")}`,
    )
  }
})

/** Runs the scenario when the deployment is up; reports it as not run otherwise. */
function scenario(name: string, body: (world: World) => Promise<void>) {
  it(name, async () => {
    if (!world) {
      console.warn(`NOT RUN "${name}": ${notRun}`)
      return
    }
    await body(world)
  })
}

/** What a POST answered: its status, or "no answer" when the connection was lost; never thrown. */
async function statusOf(call: Promise<unknown>): Promise<number | "no answer"> {
  try {
    await call
    return 200
  } catch (error) {
    if (error instanceof StoreHttpError) return error.status
    return "no answer"
  }
}

scenario(
  "20 concurrent refunds of one return, split across both servers, make exactly one gateway refund",
  async (world) => {
    const order = orders.concurrent
    const presses = Array.from({ length: 20 }, (_, i) =>
      statusOf(
        world
          .adminOn(i % 2 ? SERVER_B : SERVER_A)
          .post(`/admin/line-refunds/returns/${order.returnId}/refund`, {}),
      ),
    )
    const statuses = await Promise.all(presses)
    const ok = statuses.filter((s) => s === 200).length
    const serverErrors = statuses.filter((s) => s === "no answer" || s >= 500).length
    const refunds = await refundCounts(world, order)
    counts.push({
      scenario: "20 concurrent refunds",
      accepted: ok,
      refused: statuses.length - ok - serverErrors,
      "5xx": serverErrors,
      ...refunds,
    })
    expect({ ok, serverErrors }).toEqual({ ok: 1, serverErrors: 0 })
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409 || s === 400)).toBe(true)
    expect(refunds).toEqual({ "gateway refunds": 1, "medusa refunds": 1, "ledger refunds": 1 })
  },
)

scenario(
  "a webhook delivered to server A while staff refund on server B: both refunds recorded once",
  async (world) => {
    const order = orders.webhookRace
    // a refund made in Optty's portal: the sandbox notifies server A (MEDUSA_BACKEND_URL) now,
    // and Medusa hands it to the worker after its webhook delay — staff press Refund on B then
    await world.actions.dashboardRefund(world.control, order.gatewayOrder, "10.00", "aud")
    await sleep(MEDUSA_WEBHOOK_DELAY_MS - 300)
    const staff = await statusOf(
      world.adminOn(SERVER_B).post(`/admin/line-refunds/returns/${order.returnId}/refund`, {}),
    )
    const ledger = await eventually("both refunds in the ledger", async () => {
      const refunds = (await ledgerOf(world, order.orderId)).filter((r) => r.status === "succeeded")
      return refunds.length >= 2 && refunds
    })
    await sleep(2000) // a late duplicate would show up by now
    const refunds = await refundCounts(world, order)
    counts.push({ scenario: "webhook on A + refund on B", "staff refund": staff, ...refunds })
    expect(staff).toBe(200)
    expect(ledger.map((r) => r.source).sort()).toEqual(expect.arrayContaining(["gateway_report"]))
    expect(refunds).toEqual({ "gateway refunds": 2, "medusa refunds": 2, "ledger refunds": 2 })
  },
)

scenario(
  "refund outcomes are applied by the worker only: a notification waits while the worker is down",
  async (world) => {
    const order = orders.workerDown
    const [pending] = (await ledgerOf(world, order.orderId)).filter((r) => r.status === "pending")
    await world.deployment.process(WORKER).stop("SIGTERM")
    await world.control.post(
      `orders/${encodeURIComponent(order.gatewayOrder)}/refunds/${encodeURIComponent(gatewayReferenceOf(pending))}/settle`,
      { status: "SUCCESSFUL" },
    )
    await world.control.post("settle-notifications")
    // both servers answered the notification and queued it; neither applies it
    await sleep(MEDUSA_WEBHOOK_DELAY_MS + 6000)
    const whileDown = (await ledgerOf(world, order.orderId)).find((r) => r.id === pending.id)!
    await world.deployment.restart(WORKER)
    const after = await eventually("the worker to apply the outcome", async () => {
      const entry = (await ledgerOf(world, order.orderId)).find((r) => r.id === pending.id)!
      return entry.status === "succeeded" && entry
    })
    counts.push({
      scenario: "worker down, then up",
      "status while down": whileDown.status,
      "status after restart": after.status,
    })
    expect(whileDown.status).toBe("pending")
    expect(after.status).toBe("succeeded")
    expect(await medusaRefunds(world, order.paymentId)).toHaveLength(1)
  },
)

scenario(
  "the worker killed while applying a failed refund, then restarted: the outcome is applied once",
  async (world) => {
    const order = orders.workerKilled
    const [pending] = (await ledgerOf(world, order.orderId)).filter((r) => r.status === "pending")
    const [refund] = await medusaRefunds(world, order.paymentId)

    // Hold Medusa's refund row, so the worker stops inside the outcome's workflow (after it has
    // removed the refund's order transaction, at the delete of the refund), then kill it there.
    const holder = await world.deployment.hold(`select id from refund where id = $1 for update`, [
      refund.id,
    ])
    try {
      await world.actions.declineRefund(
        world.control,
        order.gatewayOrder,
        pending,
        "The bank returned the refund",
      )
      await eventually(
        "the worker to block inside the outcome",
        async () =>
          (
            await world.deployment.sql(
              `select pid from pg_stat_activity where datname = current_database()
                and wait_event_type = 'Lock' and query ilike '%refund%'`,
            )
          ).length > 0,
        60_000,
      )
      await world.deployment.process(WORKER).stop("SIGKILL")
    } finally {
      await holder.release()
    }
    await world.deployment.restart(WORKER)
    const failed = await eventually(
      "the restarted worker to finish the outcome",
      async () => {
        const entry = (await ledgerOf(world, order.orderId)).find((r) => r.id === pending.id)!
        return entry.status === "failed" && entry
      },
      180_000,
    )
    await sleep(3000)
    const inMedusa = await medusaRefunds(world, order.paymentId)
    const summaryAfter = await orderSummary(world, order.orderId)
    const transactions = await world.deployment.sql(
      `select id from order_transaction where reference_id = $1 and deleted_at is null`,
      [refund.id],
    )
    counts.push({
      scenario: "worker SIGKILL mid-outcome",
      "ledger status": failed.status,
      "medusa refunds left": inMedusa.length,
      "refund transactions left": transactions.length,
      "order owes again": summaryAfter.pending_difference,
    })
    expect(inMedusa).toHaveLength(0)
    expect(transactions).toHaveLength(0)
    // owed again exactly what it owed before the refund (the ledger noted it then): undone once,
    // not twice
    const [{ owed_before }] = await world.deployment.sql(
      `select pending_difference_before as owed_before from line_refund where id = $1`,
      [pending.id],
    )
    expect({
      refunded: MathBN.eq(summaryAfter.refunded_total, 0),
      owes: MathBN.eq(summaryAfter.pending_difference, owed_before),
    }).toEqual({ refunded: true, owes: true })
  },
)

scenario(
  "a server killed after the gateway made the refund and before Medusa committed: reconciliation books it once",
  async (world) => {
    const order = orders.serverKilled
    // Optty makes the refund, then its answer is held until the server is gone
    await world.control.post("faults", {
      kind: "lost_response",
      method: "POST",
      path: `/api/orders/${order.gatewayOrder}/refund`,
      holdMs: 120_000,
    })
    const press = statusOf(
      world.adminOn(SERVER_B).post(`/admin/line-refunds/returns/${order.returnId}/refund`, {}),
    )
    await eventually("the gateway to make the refund", async () => {
      return (await gatewayRefunds(world, order.gatewayOrder)).length === 1
    })
    await world.deployment.process(SERVER_B).stop("SIGKILL")
    const pressed = await press
    const inDoubt = (await ledgerOf(world, order.orderId)).map((r) => r.status)
    const booked = await eventually(
      "reconciliation to book the refund",
      async () => {
        const refunds = (await ledgerOf(world, order.orderId)).filter(
          (r) => r.status === "succeeded",
        )
        return refunds.length === 1 && refunds[0]
      },
      180_000,
    )
    const atGateway = await gatewayRefunds(world, order.gatewayOrder)
    await world.deployment.restart(SERVER_B)
    const inMedusa = await medusaRefunds(world, order.paymentId)
    counts.push({
      scenario: "server SIGKILL after the gateway refunded",
      "staff saw": String(pressed),
      "ledger before": inDoubt.join(","),
      "ledger after": booked.status,
      "medusa refunds": inMedusa.length,
    })
    expect(inDoubt).toEqual(["in_doubt"])
    expect(inMedusa).toHaveLength(1)
    expect(atGateway).toHaveLength(1)
  },
)

scenario(
  "the reconciliation job and the outcome subscriber ran on the worker only",
  async (world) => {
    const [a, b, worker] = [SERVER_A, SERVER_B, WORKER].map((name) => backgroundWork(world, name))
    counts.push({
      scenario: "where background work ran (log lines)",
      "server-a": `job ${a.job}, outcomes ${a.outcomes}`,
      "server-b": `job ${b.job}, outcomes ${b.outcomes}`,
      worker: `job ${worker.job}, outcomes ${worker.outcomes}`,
    })
    // Medusa loads jobs in worker mode only, and its Redis event bus runs subscribers only
    // where a worker consumes the queue
    expect([a, b]).toEqual([
      { job: 0, outcomes: 0 },
      { job: 0, outcomes: 0 },
    ])
    expect(worker.job).toBeGreaterThan(0)
    expect(worker.outcomes).toBeGreaterThan(0)
  },
)

async function orderSummary(world: World, orderId: string) {
  const [row] = await world.deployment.sql<{ totals: Record<string, unknown> }>(
    `select totals from order_summary where order_id = $1 and deleted_at is null
      order by version desc limit 1`,
    [orderId],
  )
  const totals = row.totals as Record<string, unknown>
  return {
    pending_difference: String(totals.pending_difference),
    refunded_total: String(totals.refunded_total),
  }
}

/** How many times each process logged the job's and the outcome subscriber's work. */
function backgroundWork(world: World, name: string) {
  const log = world.deployment.process(name).log()
  return {
    job: (log.match(/line-refunds: asked the gateways about pending refunds/g) ?? []).length,
    outcomes: (log.match(/line-refunds: applied \d+ refund outcome/g) ?? []).length,
  }
}

/** The refunds of one order in the gateway, in Medusa and in the plugin's ledger (not released). */
async function refundCounts(world: World, order: DemoOrder) {
  const ledger = (await ledgerOf(world, order.orderId)).filter((r) => r.status !== "released")
  return {
    "gateway refunds": (await gatewayRefunds(world, order.gatewayOrder)).length,
    "medusa refunds": (await medusaRefunds(world, order.paymentId)).length,
    "ledger refunds": ledger.length,
  }
}

/** Optty's id of a refund it accepted (the ledger keeps it from the refund's answer). */
function gatewayReferenceOf(refund: { id: string; gateway_reference: string | null }): string {
  if (!refund.gateway_reference) {
    throw new Error(`ledger refund ${refund.id} has no gateway reference to settle it by`)
  }
  return refund.gateway_reference
}
