/**
 * How long a refund plan takes to build for large orders, on both paths that build plans inside
 * a refund request (under the payment lock, src/workflows/refund-with-plan.ts): the stock admin
 * Refund button (`planForRequest` with an amount: two plans, lines only and with shipping) and
 * the return route (`planForRequest` with a return, as src/workflows/steps/decide-refund-plan.ts
 * runs it). Every figure is a median, a slope or a ratio from one run, sizes interleaved, so a
 * busy machine slows all sizes alike.
 */
import { performance } from "node:perf_hooks"
import { LedgerRefund, ledgerEntryFromPlan, orderLedger } from "../../src/core/ledger"
import { readLineRefundsState, StoredRefundPlan } from "../../src/core/payment-data"
import {
  buildRefundPlan,
  emptyLedger,
  OrderItemSnapshot,
  OrderSnapshot,
  planForRequest,
  PlanPolicy,
  ReceivedReturnSnapshot,
  RefundContext,
  RefundRequest,
} from "../../src/core/refund-plan"
import { referencePlanForRequest } from "../../src/core/refund-plan/__tests__/reference/plan-for-request"
import { BenchRow, BenchSection } from "./bench-types"

const SECTION = "plan building"
const SIZES = [10, 100, 1_000, 10_000] as const
const TARGET_MS_AT_1000 = 5
const LINEARITY_LIMIT = 1.5
const HEAP_PLANS = 10_000
/** growth allowed over the second half of the heap run: noise, not a leak */
const HEAP_STEADY_MB = 2
/** the size the old code is timed at too, for a speed-up that does not depend on the machine */
const REFERENCE_LINES = 1_000

// --- realistic orders -------------------------------------------------------------------------

const RATES: ReadonlyArray<ReadonlyArray<string>> = [
  ["21"],
  ["9"],
  ["0"],
  ["7.7"],
  ["19"],
  ["6", "2.875"], // a state and a city rate on one line
  [],
]

/** A deterministic mix: prices, rates, inclusive and exclusive lines, one or two promotions. */
function benchItem(i: number): OrderItemSnapshot {
  const quantity = 2 + (i % 4)
  const unitMinor = ((i * 7919) % 20_000) + 99
  const inclusive = i % 2 === 0
  // promotions take a share of the line (10 % and 5 %, whole cents), never more than its net
  const share = (percent: number) =>
    (Math.floor((unitMinor * quantity * percent) / 100) / 100).toFixed(2)
  const adjustments = []
  if (i % 3 === 0)
    adjustments.push({ amount: share(10), is_tax_inclusive: inclusive, code: "SPRING" })
  if (i % 5 === 0) adjustments.push({ amount: share(5), is_tax_inclusive: false, code: "VIP" })
  const rates = RATES[i % RATES.length]
  return {
    id: `ordli_${String(i).padStart(6, "0")}`,
    title: `Item ${i}`,
    variant_id: `variant_${i}`,
    variant_sku: `SKU-${i}`,
    product_id: `prod_${i % 97}`,
    quantity,
    unit_price: (unitMinor / 100).toFixed(2),
    is_tax_inclusive: inclusive,
    tax_lines: rates.map((rate) => ({ rate, code: `VAT${rate}` })),
    adjustments,
  }
}

export interface BenchScenario {
  lines: number
  context: RefundContext
  /** the stock Refund button, asked for what the received units and the shipping are owed */
  stockButton: RefundRequest
  /** the return route, for the return most of whose units are still to refund */
  returnRoute: RefundRequest
}

/**
 * An order of `lines` lines with two shipping methods (one discounted, one tax-inclusive), three
 * received returns (every line, every other line, every third line) and one earlier refund that
 * paid back the first return's units of the first half of the lines.
 */
export function benchScenario(lines: number): BenchScenario {
  const items = Array.from({ length: lines }, (_, i) => benchItem(i))
  const order: OrderSnapshot = {
    id: `order_bench_${lines}`,
    display_id: 1000 + lines,
    currency_code: "eur",
    items,
    shipping_methods: [
      { id: "ordsm_std", name: "Standard", amount: "4.95", tax_lines: [{ rate: "21" }] },
      {
        id: "ordsm_exp",
        name: "Express",
        amount: "12.10",
        is_tax_inclusive: true,
        tax_lines: [{ rate: "21" }],
        adjustments: [{ amount: "2.00", code: "FASTFREE" }],
      },
    ],
  }
  const received = (id: string, day: number, every: number): ReceivedReturnSnapshot => ({
    id,
    display_id: day,
    received_at: new Date(Date.UTC(2026, 0, day)).toISOString(),
    items: items
      .filter((_, i) => i % every === 0)
      .map((item) => ({ item_id: item.id, received_quantity: 1 })),
  })
  const returns = [received("ret_1", 1, 1), received("ret_2", 5, 2), received("ret_3", 9, 3)]

  // The earlier refund: the first return's units of the first half of the lines.
  const firstHalf = new Set(items.slice(0, Math.ceil(lines / 2)).map((item) => item.id))
  const earlierDraft = buildRefundPlan({
    order,
    returns: [{ ...returns[0], items: returns[0].items.filter((u) => firstHalf.has(u.item_id)) }],
    ledger: emptyLedger(),
    return_id: "ret_1",
  })
  const earlierPlan: StoredRefundPlan = {
    ...earlierDraft,
    id: "lrplan_earlier",
    status: "consumed",
    source: "return_refund",
    payment_id: "pay_bench",
    created_at: "2026-01-02T10:00:00.000Z",
    idempotency_key: "lr_earlier",
    pending_difference_before: null,
  }
  const earlier: LedgerRefund = {
    ...ledgerEntryFromPlan({
      plan: earlierPlan,
      amount: earlierDraft.amount_exact,
      provider_id: "pp_multisafepay_default",
      source: "return_refund",
    }),
    id: "lref_earlier",
    refund_id: "ref_earlier",
    status: "succeeded",
    gateway_amount: earlierDraft.amount,
    created_at: "2026-01-02T10:00:00.000Z",
    status_changed_at: "2026-01-02T10:00:05.000Z",
    failure_reason: null,
    doubt_reason: null,
  }
  const entries = [earlier]
  const ledger = orderLedger(entries)
  const context: RefundContext = {
    payment: {
      id: "pay_bench",
      amount: "1000000",
      currency_code: "eur",
      provider_id: "pp_multisafepay_default",
    },
    order: { ...order, pending_difference: null },
    returns,
    ledger,
    entries,
    state: readLineRefundsState({ line_refunds: { plans: { [earlierPlan.id]: earlierPlan } } }),
  }
  // What the received units and all shipping are owed: the amount staff type into the form.
  const owed = buildRefundPlan({ order, returns, ledger, shipping: true }).amount
  return {
    lines,
    context,
    stockButton: { kind: "amount", amount: owed },
    returnRoute: {
      kind: "return",
      return_id: "ret_1",
      include_shipping: true,
      source: "return_refund",
    },
  }
}

let planIds = 0
const POLICY: PlanPolicy = {
  duplicateRefundWindowSeconds: 120,
  now: new Date("2026-02-01T12:00:00Z"),
  newPlanId: () => `lrplan_${++planIds}`,
}

type PathName = "stock button" | "return route"
const PATHS: ReadonlyArray<{ name: PathName; request: (s: BenchScenario) => RefundRequest }> = [
  { name: "stock button", request: (s) => s.stockButton },
  { name: "return route", request: (s) => s.returnRoute },
]

type Decide = typeof planForRequest

function runOnce(scenario: BenchScenario, request: RefundRequest, decide: Decide = planForRequest) {
  const decision = decide(scenario.context, request, POLICY)
  // a plan with no lines would mean the bench measures the amount-only path, not plan building
  if (Object.keys(decision.plan.lines).length === 0) {
    throw new Error(`the bench plan for ${scenario.lines} lines has no lines`)
  }
}

// --- statistics -------------------------------------------------------------------------------

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Least-squares slope of y over x. */
function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  const n = points.length
  const mx = points.reduce((s, p) => s + p.x, 0) / n
  const my = points.reduce((s, p) => s + p.y, 0) / n
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0)
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0)
  return sxy / sxx
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits))
const gc = () => (global as { gc?: () => void }).gc?.()

// --- the measurements -------------------------------------------------------------------------

interface Task {
  key: string
  /** calls per sample: enough lines that a small order's time is well above the clock's grain */
  calls: number
  run: () => void
}

/**
 * Every task once per round, in turn, so a busy machine slows all of them alike; the first two
 * rounds warm the code up and are not kept. Samples are ms per call.
 */
function timeRoundRobin(tasks: ReadonlyArray<Task>, rounds: number): Record<string, number[]> {
  const samples: Record<string, number[]> = {}
  for (let round = -2; round < rounds; round++) {
    for (const task of tasks) {
      const started = performance.now()
      for (let i = 0; i < task.calls; i++) task.run()
      const ms = (performance.now() - started) / task.calls
      if (round >= 0) (samples[task.key] ??= []).push(ms)
    }
  }
  return samples
}

/** Heap after gc before, halfway and after building `plans` plans (both paths in turn). */
function heapOverPlans(scenario: BenchScenario, plans: number) {
  const heap = () => {
    gc()
    return process.memoryUsage().heapUsed / 1024 / 1024
  }
  const before = heap()
  let half = before
  for (let i = 0; i < plans; i++) {
    runOnce(scenario, PATHS[i % 2].request(scenario))
    if (i === plans / 2 - 1) half = heap()
  }
  const after = heap()
  return { before, half, after }
}

export async function runPlanBuildingBench(): Promise<BenchSection> {
  const rounds = Number(process.env.PLAN_BENCH_ROUNDS ?? 11)
  const scenarios = SIZES.map((lines) => benchScenario(lines))
  const atReference = scenarios.find((s) => s.lines === REFERENCE_LINES)!
  const tasks: Task[] = []
  for (const scenario of scenarios) {
    for (const path of PATHS) {
      const request = path.request(scenario)
      tasks.push({
        key: `${path.name} ${scenario.lines}`,
        calls: Math.max(1, Math.ceil(20_000 / scenario.lines)),
        run: () => runOnce(scenario, request),
      })
    }
  }
  // the code before exact integers (bignumber.js throughout), on the same orders, same rounds
  for (const path of PATHS) {
    const request = path.request(atReference)
    tasks.push({
      key: `${path.name} ${REFERENCE_LINES} reference`,
      calls: 1,
      run: () => runOnce(atReference, request, referencePlanForRequest),
    })
  }
  const samples = timeRoundRobin(tasks, rounds)
  const rows: BenchRow[] = []
  const details: Record<string, unknown> = { rounds, sizes: SIZES, samples_ms: samples }

  for (const path of PATHS) {
    const medians = SIZES.map((lines) => ({ lines, ms: median(samples[`${path.name} ${lines}`]) }))
    for (const { lines, ms } of medians) {
      const atTarget = lines === 1_000
      rows.push({
        section: SECTION,
        name: `${path.name}: median at ${lines.toLocaleString("en")} lines`,
        value: round(ms),
        unit: "ms",
        ...(atTarget ? { target: `< ${TARGET_MS_AT_1000} ms`, met: ms < TARGET_MS_AT_1000 } : {}),
      })
    }
    const perLine = slope(medians.map(({ lines, ms }) => ({ x: lines, y: ms * 1000 })))
    rows.push({
      section: SECTION,
      name: `${path.name}: per-line slope (least squares, 10–10,000 lines)`,
      value: round(perLine, 2),
      unit: "µs/line",
    })
    const at = (lines: number) => medians.find((m) => m.lines === lines)!.ms / lines
    const linearity = at(10_000) / at(1_000)
    rows.push({
      section: SECTION,
      name: `${path.name}: per-line cost at 10,000 ÷ at 1,000 lines`,
      value: round(linearity, 2),
      unit: "×",
      target: `≤ ${LINEARITY_LIMIT}`,
      met: linearity <= LINEARITY_LIMIT,
    })
    const reference = median(samples[`${path.name} ${REFERENCE_LINES} reference`])
    rows.push({
      section: SECTION,
      name: `${path.name}: bignumber.js reference ÷ now, at ${REFERENCE_LINES.toLocaleString("en")} lines`,
      value: round(reference / medians.find((m) => m.lines === REFERENCE_LINES)!.ms, 1),
      unit: "×",
      note: `reference median ${round(reference, 1)} ms (src/core/refund-plan/__tests__/reference)`,
    })
  }

  const heap = heapOverPlans(scenarios[1], HEAP_PLANS)
  const secondHalf = heap.after - heap.half
  rows.push({
    section: SECTION,
    name: `heap steady over ${HEAP_PLANS.toLocaleString("en")} plans (100 lines, both paths)`,
    value: round(heap.after - heap.before, 2),
    unit: "MB",
    target: `second ${(HEAP_PLANS / 2).toLocaleString("en")} grow ≤ ${HEAP_STEADY_MB} MB`,
    met: secondHalf <= HEAP_STEADY_MB,
    note: `after gc: ${round(heap.before, 1)} → ${round(heap.half, 1)} → ${round(heap.after, 1)} MB${
      (global as { gc?: unknown }).gc ? "" : " (no --expose-gc: figures are rough)"
    }`,
  })
  details.heap_mb = heap
  return { section: SECTION, rows, details }
}
