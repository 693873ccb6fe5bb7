/**
 * The plugin's overhead on a refund: the same refund of a received return, paid with Medusa's
 * system provider, through the stock admin Refund route (`POST /admin/payments/:id/refund`) of
 * two real apps running side by side as `medusa start` processes:
 * - "without plugin": a plain Medusa 2.21.2 app (integration-tests/bench/baseline-app), where
 *   Medusa's own handler runs refundPaymentWorkflow;
 * - "with plugin": this repository's app, where the plugin's middleware takes the request over
 *   (src/api/admin/payments/refund-with-plan.ts → src/workflows/refund-with-plan.ts).
 * Both apps hold the same orders (integration-tests/bench/seed-refund-orders.ts). Requests
 * alternate between the apps (which goes first alternates too), one at a time, so a busy
 * machine slows both alike; the figure is the ratio of the medians. Afterwards every refund must
 * be booked exactly once, for the amount the order was owed, in both apps (and in the plugin's
 * ledger), or the bench fails.
 *
 * Alone: `BENCH_ONLY=overhead npm run bench`.
 * REFUND_BENCH_REFUNDS (measured refunds per app, default 42) and REFUND_BENCH_WARMUP (default 5)
 * change the counts.
 */
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { toDecimal } from "../../src/core/money"
import { adminHeaders } from "../dev/store-http"
import { REPO_ROOT, runMedusaCommand } from "../support/medusa-process"
import { Deployment, startDeployment } from "../support/store-deployment"
import { BenchRow, BenchSection } from "./bench-types"
import type { BenchOrder } from "./seed-refund-orders"

const SECTION = "refund overhead"
const TARGET_RATIO = 1.15
const MEASURED = Number(process.env.REFUND_BENCH_REFUNDS || 42)
const WARMUP = Number(process.env.REFUND_BENCH_WARMUP || 5)
const SEED_SCRIPT = path.join(__dirname, "seed-refund-orders.ts")
const BASELINE_APP = path.join(__dirname, "baseline-app")

type App = { label: "without plugin" | "with plugin"; deployment: Deployment; orders: BenchOrder[] }

/**
 * A copy of the baseline app in a temp dir whose node_modules is this repository's: the same
 * Medusa packages, resolved to the same files, and nothing of this repository's own app.
 */
function baselineAppCopy(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "line-refunds-bench-baseline-"))
  for (const file of ["medusa-config.ts", "package.json", "tsconfig.json"]) {
    fs.copyFileSync(path.join(BASELINE_APP, file), path.join(dir, file))
  }
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir")
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

async function seed(deployment: Deployment, cwd: string, count: number): Promise<BenchOrder[]> {
  const out = path.join(deployment.logDir, "bench-orders.json")
  await runMedusaCommand(
    ["exec", SEED_SCRIPT, String(count), out],
    { DATABASE_URL: deployment.databaseUrl, LOG_LEVEL: "error" },
    cwd,
  )
  return JSON.parse(fs.readFileSync(out, "utf8")) as BenchOrder[]
}

/** One stock Refund button press: what the admin sends, timed until the answer is read. */
async function timedRefund(app: App, order: BenchOrder): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${app.deployment.url}/admin/payments/${order.payment_id}/refund`, {
    method: "POST",
    headers: { ...adminHeaders(app.deployment.admin), "content-type": "application/json" },
    body: JSON.stringify({ amount: order.owed }),
  })
  const body = await response.text()
  const elapsed = performance.now() - started
  if (response.status !== 200) {
    throw new Error(`${app.label}: refund of ${order.payment_id} -> ${response.status}: ${body}`)
  }
  return elapsed
}

const sameAmount = (a: unknown, b: unknown) => toDecimal(String(a)).isEqualTo(toDecimal(String(b)))

/** Every order's payment refunded exactly once, for what it was owed; the problems otherwise. */
async function bookingProblems(app: App): Promise<string[]> {
  const problems: string[] = []
  const ids = app.orders.map((o) => o.payment_id)
  const refunds = await app.deployment.sql<{ id: string; payment_id: string; amount: any }>(
    `select id, payment_id, raw_amount->>'value' as amount from refund
     where payment_id = any($1) and deleted_at is null`,
    [ids],
  )
  for (const order of app.orders) {
    const booked = refunds.filter((r) => r.payment_id === order.payment_id)
    if (booked.length !== 1 || !sameAmount(booked[0].amount, order.owed)) {
      problems.push(
        `${app.label}: payment ${order.payment_id} has refunds [${booked.map((r) => r.amount)}], expected one of ${order.owed}`,
      )
    }
  }
  if (app.label === "with plugin") {
    const entries = await app.deployment.sql<Record<string, any>>(
      `select e.payment_id, e.refund_id, e.status, e.kind, e.raw_amount->>'value' as amount,
         (select count(*)::int from line_refund_unit u where u.line_refund_id = e.id and u.deleted_at is null) as units
       from line_refund e where e.payment_id = any($1) and e.deleted_at is null`,
      [ids],
    )
    for (const order of app.orders) {
      const mine = entries.filter((e) => e.payment_id === order.payment_id)
      const refund = refunds.find((r) => r.payment_id === order.payment_id)
      const ok =
        mine.length === 1 &&
        mine[0].status === "succeeded" &&
        mine[0].kind === "lines" &&
        mine[0].units === 3 &&
        mine[0].refund_id === refund?.id &&
        sameAmount(mine[0].amount, order.owed)
      if (!ok) {
        problems.push(
          `with plugin: payment ${order.payment_id} has ledger entries ${JSON.stringify(mine)}, expected one succeeded lines entry of ${order.owed} for ${refund?.id}`,
        )
      }
    }
  }
  return problems
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const low = Math.floor(rank)
  return sorted[low] + (sorted[Math.ceil(rank)] - sorted[low]) * (rank - low)
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits))

export async function runRefundOverheadBench(): Promise<BenchSection> {
  const count = WARMUP + MEASURED
  const baselineCopy = baselineAppCopy()
  const started: Deployment[] = []
  try {
    // both boot at once; one failing must not leave the other running
    const booted = await Promise.allSettled([
      startDeployment({
        name: "bench_overhead_plugin",
        processes: [{ name: "with-plugin", workerMode: "shared" }],
        env: { LOG_LEVEL: "warn" },
      }),
      startDeployment({
        name: "bench_overhead_baseline",
        processes: [{ name: "without-plugin", workerMode: "shared" }],
        cwd: baselineCopy.dir,
        env: { LOG_LEVEL: "warn" },
      }),
    ])
    for (const b of booted) if (b.status === "fulfilled") started.push(b.value)
    const failed = booted.find((b): b is PromiseRejectedResult => b.status === "rejected")
    if (failed) throw failed.reason
    const [plugin, baseline] = started
    const [pluginOrders, baselineOrders] = await Promise.all([
      seed(plugin, REPO_ROOT, count),
      seed(baseline, baselineCopy.dir, count),
    ])
    const apps: [App, App] = [
      { label: "without plugin", deployment: baseline, orders: baselineOrders },
      { label: "with plugin", deployment: plugin, orders: pluginOrders },
    ]
    for (let i = 0; i < count; i++) {
      if (!sameAmount(pluginOrders[i].owed, baselineOrders[i].owed)) {
        throw new Error(
          `the apps owe different amounts for order ${i}: ${pluginOrders[i].owed} vs ${baselineOrders[i].owed}`,
        )
      }
    }

    const samples: Record<App["label"], number[]> = { "without plugin": [], "with plugin": [] }
    for (let i = 0; i < count; i++) {
      // ABBA: which app answers first alternates, so neither always runs on a warmer machine
      const order = i % 2 === 0 ? apps : ([apps[1], apps[0]] as const)
      for (const app of order) {
        const ms = await timedRefund(app, app.orders[i])
        if (i >= WARMUP) samples[app.label].push(ms)
      }
    }

    const problems = [...(await bookingProblems(apps[0])), ...(await bookingProblems(apps[1]))]
    if (problems.length) {
      throw new Error(`refunds were not booked as asked:\n${problems.join("\n")}`)
    }

    const without = samples["without plugin"]
    const withPlugin = samples["with plugin"]
    const ratio = percentile(withPlugin, 50) / percentile(without, 50)
    const pairRatios = withPlugin.map((ms, i) => ms / without[i])
    const row = (name: string, value: number, unit: string, extra: Partial<BenchRow> = {}) => ({
      section: SECTION,
      name,
      value,
      unit,
      ...extra,
    })
    const rows: BenchRow[] = [
      row("refund median, without plugin", round(percentile(without, 50)), "ms", {
        note: `Medusa's own route, system provider, ${without.length} refunds`,
      }),
      row("refund median, with plugin", round(percentile(withPlugin, 50)), "ms", {
        note: `the plugin's lines refund, system provider, ${withPlugin.length} refunds`,
      }),
      row("with / without plugin, medians", round(ratio, 2), "×", {
        target: `≤ ${TARGET_RATIO}×`,
        met: ratio <= TARGET_RATIO,
        note: `median of per-pair ratios ${round(percentile(pairRatios, 50), 2)}×`,
      }),
      row("refund p95, without plugin", round(percentile(without, 95)), "ms"),
      row("refund p95, with plugin", round(percentile(withPlugin, 95)), "ms"),
    ]
    return {
      section: SECTION,
      rows,
      details: {
        warmup: WARMUP,
        refunds_per_app: MEASURED,
        amount: pluginOrders[0].owed,
        samples_ms: {
          without_plugin: without.map((ms) => round(ms, 2)),
          with_plugin: withPlugin.map((ms) => round(ms, 2)),
        },
      },
    }
  } finally {
    await Promise.all(started.map((d) => d.stop()))
    baselineCopy.remove()
  }
}
