import { MedusaContainer } from "@medusajs/framework/types"
import { currencyExponent, fromMinorUnits } from "../../../src/core/money"
import { reconcilePendingRefunds } from "../../../src/jobs/reconcile-pending-refunds"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../../src/modules/line-refunds"
import type { ContractOrder } from "../../support/gateway-contract"
import { waitOutInDoubtWindow } from "../../support/gateway-suite"
import { orderSummary, paymentState } from "../../support/payment-state"
import { receiveReturn } from "../../support/seed-order"
import { FAULT_KINDS, FaultKind, pathMatches } from "../../sandboxes/kit/faults"
import type { FaultsGateway } from "./gateways"
import { Answer, describeAnswer, isRetryLater, isServerError, pool, send } from "./http"
import type { BackgroundWork } from "./quiet"
import type { ResultRow } from "./results"

/**
 * The ways a refund starts, as staff and the store meet them (the stock Refund button, the
 * plugin's return route, its chosen-lines route, the automatic refund on a return's receipt),
 * and the two ways the outcome of a refund comes back (the gateway's notification, the
 * reconciliation job asking the gateway).
 */
export const REFUND_ENTRIES = [
  "stock_button",
  "return_route",
  "chosen_lines",
  "auto_refund",
] as const
export const REPORT_ENTRIES = ["gateway_report", "reconciliation"] as const
export const ENTRY_POINTS = [...REFUND_ENTRIES, ...REPORT_ENTRIES] as const
export type EntryPoint = (typeof ENTRY_POINTS)[number]
type RefundEntry = (typeof REFUND_ENTRIES)[number]

export const ENTRY_LABELS: Record<EntryPoint, string> = {
  stock_button: "stock Refund button",
  return_route: "return route",
  chosen_lines: "chosen-lines route",
  auto_refund: "auto-refund subscriber",
  gateway_report: "gateway report (webhook)",
  reconciliation: "reconciliation job",
}

/** Which gateway call a case's fault is armed on: the refund, or a read of the order. */
export type Target = "refund" | "read"

/**
 * For a quick look while working on one kind (FAULTS_KINDS=lost_response,timeout): the other
 * rows are then missing, so the run fails, as it must.
 */
const KINDS: readonly FaultKind[] = process.env.FAULTS_KINDS
  ? FAULT_KINDS.filter((k) => process.env.FAULTS_KINDS!.split(",").includes(k))
  : FAULT_KINDS

/** The entry points a gateway has: a notification that carries its own proof reads nothing. */
export function entriesOf(gateway: Pick<FaultsGateway, "reportReads">): EntryPoint[] {
  return ENTRY_POINTS.filter((e) => e !== "gateway_report" || gateway.reportReads)
}

/** Every row the matrix of one gateway produces (for the results manifest). */
export function matrixRows(
  gateway: Pick<FaultsGateway, "name" | "reportReads">,
): Array<Pick<ResultRow, "kind" | "gateway" | "entry" | "fault">> {
  return entriesOf(gateway).flatMap((entry) =>
    FAULT_KINDS.map((fault) => ({
      kind: "fault" as const,
      gateway: gateway.name,
      entry: ENTRY_LABELS[entry],
      fault,
    })),
  )
}

interface Case {
  gw: FaultsGateway
  entry: EntryPoint
  kind: FaultKind
  target: Target
  order: ContractOrder & { cartId: string }
  /** the order line returned or chosen (one unit of it); the report cases refund none */
  line: string
  returnId: string | null
  /** what the customer is owed by the case, in minor units (report cases: nothing new) */
  expectedMinor: number
  /** the line's refundable units before anything was refunded (chosen lines) */
  refundableBefore: number
  /** the order's books before the case's round */
  before: Books
  /** report cases: the gateway's refunds settled, and how */
  settled: Array<{ reference: string; outcome: "succeeded" | "failed" }>
  /** whether the armed fault reached the gateway (a case whose fault did not measures nothing) */
  fired: boolean
  /** every answer of our routes to this case's presses */
  answers: Array<{ step: string; answer: Answer }>
  /** what happened, step by step, for the failure report */
  steps: string[]
}

export interface MatrixContext {
  api: any
  getContainer: () => MedusaContainer
  admin: () => { headers: Record<string, string> }
  work: BackgroundWork
  /** called at the end of each phase, for the timings */
  mark?: (phase: string) => void
}

/** What the gateway and Medusa show for a case's order once everything settled. */
interface Books {
  gatewayMinor: number
  gatewayLive: number
  medusaMinor: number
  ledgerMinor: number
  inDoubt: number
  summaryMinor: number
  /** gateway reference → the ledger entry's status */
  ledgerStatus: Record<string, string>
}

/** Per gateway: the table's rows, and the orders the cases used (clean: none of them counted). */
export interface MatrixResult {
  rows: ResultRow[]
  orders: Array<{ order: ContractOrder & { cartId: string }; clean: boolean }>
}

interface Counted {
  c: Case
  lost: number
  doubled: number
  fiveXx: number
  retryLater: number
  note: string | null
}

/** the line a case of the second round refunds a unit of (every test shop sells Mugs) */
const SECOND_LINE = "Mug"
/** requests of the matrix in flight at once, over all the suite's gateways */
const CONCURRENCY = 10
/** longer than every provider's timeout in these suites (3 s): the provider gives up first */
const TIMEOUT_HOLD_MS = 5_000
/** the reconciliation job as it runs once pending refunds are past its threshold (30 min) */
const LATER = () => new Date(Date.now() + 31 * 60_000)

/**
 * Every fault of the sandbox kit × every entry point, for the gateways of one app at once:
 * - rounds 1 and 2: a fault on the refund call through each of the four ways a refund starts,
 *   and on the read of the order before it (one entry point per kind, in turn); each case arms
 *   its fault, starts its refund, then the system settles as in production (staff press again
 *   after an error answer; the gateway's notifications are delivered; the reconciliation job
 *   runs past the in-doubt window; staff refund what is still owed);
 * - round 3: a refund the gateway settled later (one failed, one succeeded where the order has
 *   two), its outcome coming back through the gateway's notification or through the
 *   reconciliation job with the fault on the read of the order that path makes; then the job
 *   runs again and staff refund what the order shows owed.
 * Each case is counted from the two sources of truth: the refunds the sandbox holds, and
 * Medusa's refunds, the plugin's ledger and the order summary, on what changed in its round.
 * Cases run side by side (each on its own order, its fault aimed at that order's path), in
 * phases, so one wait serves them all; a fault on a path every order shares (Smartpay's
 * POST /v1/refunds) is armed for one case at a time.
 */
export async function runFaultMatrix(
  gateways: FaultsGateway[],
  context: MatrixContext,
): Promise<Map<FaultsGateway, MatrixResult>> {
  const { api, getContainer, admin, work } = context
  const mark = context.mark ?? (() => undefined)
  const idle = () =>
    work.idle({ also: () => Promise.all(gateways.map((g) => g.settleNotifications())) })
  const minorOf = (c: Case, major: number | string) =>
    Math.round(Number(major) * 10 ** currencyExponent(c.gw.currency) * 1000) / 1000
  const options = getContainer().resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE).options as {
    autoRefundOnReturnReceived: boolean
  }

  const owedMinor = async (c: Case) => {
    const summary = await orderSummary(api, admin(), c.order.orderId)
    return Math.max(0, Math.round(minorOf(c, -summary.pending_difference)))
  }
  const refundableNow = async (c: Case) => {
    const { data } = await api.get(`/admin/line-refunds/orders/${c.order.orderId}`, admin())
    return (data.items as Array<{ line_item_id: string; refundable: number }>).find(
      (i) => i.line_item_id === c.line,
    )!.refundable
  }
  const chosenBody = (c: Case) => ({ lines: [{ line_item_id: c.line, quantity: 1 }] })

  /** Staff press the case's button (for the auto-refund and the reports: the stock button). */
  async function press(c: Case, step: string, amountMinor = c.expectedMinor): Promise<Answer> {
    const headers = admin().headers
    const request =
      c.entry === "chosen_lines"
        ? { url: `/admin/line-refunds/orders/${c.order.orderId}/refund`, body: chosenBody(c) }
        : c.entry === "return_route"
          ? { url: `/admin/line-refunds/returns/${c.returnId}/refund`, body: {} }
          : {
              url: `/admin/payments/${c.order.paymentId}/refund`,
              body: { amount: Number(fromMinorUnits(amountMinor, c.gw.currency)) },
            }
    const answer = await send(api, { method: "POST", headers, ...request })
    c.answers.push({ step, answer })
    const said = answer.status >= 300 ? String(answer.data?.message ?? "").slice(0, 200) : ""
    c.steps.push(`${step} ${describeAnswer(answer)}${said ? ` (${said})` : ""}`)
    return answer
  }

  /** Receives the case's return at the warehouse, as staff do in the admin. */
  async function receive(c: Case) {
    c.returnId = await receiveReturn(api, admin(), c.order.orderId, [{ id: c.line, quantity: 1 }])
  }

  const faultOf = (c: Case) => {
    const where =
      c.target === "refund"
        ? { method: "POST", path: c.gw.adapter.refundPath(c.order) }
        : c.gw.adapter.readRequest(c.order)
    return { ...where, kind: c.kind, ...(c.kind === "timeout" ? { holdMs: TIMEOUT_HOLD_MS } : {}) }
  }

  /** Arms the cases' faults, runs `act`, and notes which faults reached their gateway. */
  async function withFaults(cases: Case[], act: () => Promise<unknown>): Promise<void> {
    const byGateway = new Map<FaultsGateway, Case[]>()
    for (const c of cases) byGateway.set(c.gw, [...(byGateway.get(c.gw) ?? []), c])
    const seen = new Map([...byGateway.keys()].map((g) => [g, g.requests().length]))
    for (const c of cases) c.gw.adapter.failNext(faultOf(c))
    try {
      await act()
      await idle()
    } finally {
      // what a fault did not consume is disarmed: the outage is over
      for (const g of byGateway.keys()) g.adapter.clearFaults()
    }
    for (const [g, mine] of byGateway) {
      const received = g.requests().slice(seen.get(g))
      for (const c of mine) {
        const fault = faultOf(c)
        c.fired ||= received.some(
          (r) => r.fault === c.kind && r.method === fault.method && pathMatches(fault.path, r.path),
        )
        if (!c.fired) c.steps.push(`the ${c.target} fault never reached ${g.name}`)
      }
    }
  }

  /**
   * The faults of cases whose refunds all go to one path (Smartpay's POST /v1/refunds, which
   * names the payment in its body), armed together for cases of one entry point, one kind each:
   * which request meets which fault is the order they arrive in, so each case is then counted
   * under the fault its own refund request met (read back from the sandbox's log). The entry
   * point still meets every kind once.
   */
  async function withSharedFaults(gw: FaultsGateway, group: Case[]): Promise<void> {
    const seen = gw.requests().length
    for (const c of group) gw.adapter.failNext(faultOf(c))
    try {
      await pool(group, CONCURRENCY, trigger)
      await idle()
    } finally {
      gw.adapter.clearFaults()
    }
    const path = gw.adapter.refundPath(group[0].order)
    const received = gw
      .requests()
      .slice(seen)
      .filter((r) => r.method === "POST" && pathMatches(path, r.path))
    for (const c of group) {
      const met = received.find((r) => r.fault !== null && gw.sharedRefundPath!(c.order, r))
      if (!met) {
        c.steps.push(`no fault reached ${gw.name}'s refund call for this order`)
        continue
      }
      if (met.fault !== c.kind) c.steps.push(`its refund request met ${met.fault}`)
      c.kind = met.fault!
      c.fired = true
    }
  }

  const entryOutcome = async (c: Case) => {
    const { entries } = await paymentState(getContainer(), c.order.paymentId)
    return entries.map((e) => `${e.source}:${e.status}`).join(",") || "no refund"
  }

  // The cases of every gateway: every fault on the refund call through every entry point, and
  // every fault on the read before the refund through one entry point each, in turn (the read
  // is the same step whatever started the refund); then every fault on the read each way a
  // refund's outcome comes back makes. Two refund cases share an order, one round after the
  // other: the first refunds a unit of one line, the second, once the first has settled, a unit
  // of another line (a different amount, so no rule about repeated amounts joins in); the report
  // cases then settle the refunds the order holds. Each is counted on what changed in its round.
  const perGateway = await Promise.all(
    gateways.map(async (gw) => {
      const specs: Array<Pick<Case, "entry" | "kind" | "target">> = [
        ...REFUND_ENTRIES.flatMap((entry) =>
          KINDS.map((kind) => ({ entry, kind, target: "refund" as const })),
        ),
        ...KINDS.map((kind, i) => ({
          entry: REFUND_ENTRIES[i % REFUND_ENTRIES.length] as RefundEntry,
          kind,
          target: "read" as const,
        })),
      ]
      const reports = entriesOf(gw)
        .filter((e) => (REPORT_ENTRIES as readonly EntryPoint[]).includes(e))
        .flatMap((entry) => KINDS.map((kind) => ({ entry, kind, target: "read" as const })))
      const count = Math.max(Math.ceil(specs.length / 2), reports.length)
      return { gw, specs, reports, count }
    }),
  )
  const wanted = perGateway.flatMap((p) => Array.from({ length: p.count }, () => p.gw))
  const made = await pool(wanted, CONCURRENCY, (gw) => gw.capturedOrder())
  const ordersOf = new Map(gateways.map((g) => [g, made.filter((_, i) => wanted[i] === g)]))
  mark("matrix: orders")

  const rounds: Case[][] = [[], [], []]
  for (const { gw, specs, reports } of perGateway) {
    const orders = ordersOf.get(gw)!
    const first = specs.slice(0, Math.ceil(specs.length / 2))
    const second = specs.slice(first.length)
    first.forEach((s, i) => rounds[0].push(newCase(gw, s, orders[i], gw.adapter.returnedLine)))
    second.forEach((s, i) => rounds[1].push(newCase(gw, s, orders[i], SECOND_LINE)))
    reports.forEach((s, i) => rounds[2].push(newCase(gw, s, orders[i], "")))
  }
  const counted: Counted[] = []
  counted.push(...(await runRefundRound(rounds[0], "round 1")))
  counted.push(...(await runRefundRound(rounds[1], "round 2")))
  counted.push(...(await runReportRound(rounds[2], "round 3")))

  function newCase(
    gw: FaultsGateway,
    spec: Pick<Case, "entry" | "kind" | "target">,
    order: ContractOrder & { cartId: string },
    title: string,
  ): Case {
    const line = title ? order.lines[title] : ""
    if (title && !line) throw new Error(`order ${order.orderId} has no ${title}`)
    return {
      ...spec,
      gw,
      order,
      line,
      returnId: null,
      expectedMinor: 0,
      refundableBefore: 0,
      before: null as never,
      settled: [],
      fired: false,
      answers: [],
      steps: [],
    }
  }

  /** The return receipts of the auto-refund cases: the option is on only while they run. */
  async function withAutoRefund<T>(run: () => Promise<T>): Promise<T> {
    await idle()
    options.autoRefundOnReturnReceived = true
    try {
      const result = await run()
      await idle()
      return result
    } finally {
      options.autoRefundOnReturnReceived = false
    }
  }

  /** Starts the case's refund with its fault armed: the press, or the return received. */
  async function trigger(c: Case): Promise<void> {
    if (c.entry === "auto_refund") await receive(c)
    else await press(c, "press")
  }

  async function runRefundRound(cases: Case[], name: string): Promise<Counted[]> {
    // what each case is owed, and the books before it, before any fault is armed
    await pool(cases, CONCURRENCY, async (c) => {
      c.before = await booksOf(c)
      c.refundableBefore = await refundableNow(c)
      if (c.entry === "stock_button" || c.entry === "return_route") {
        await receive(c)
        c.expectedMinor = await owedMinor(c)
      } else {
        const { data } = await api.post(
          `/admin/line-refunds/orders/${c.order.orderId}/refund-preview`,
          chosenBody(c),
          admin(),
        )
        c.expectedMinor = Math.round(minorOf(c, data.amount))
      }
      if (!(c.expectedMinor > 0)) throw new Error(`nothing owed on ${c.order.orderId}`)
    })
    await idle()
    mark(`matrix ${name}: returns received, amounts owed`)

    // The faults armed, the refunds started: every gateway at once. The only returns received
    // in this phase are the auto-refund cases', so the option is on for all of it. A fault on a
    // path of its own order is armed for all of a gateway's cases at once, then one on a path
    // every order shares for one case at a time.
    await withAutoRefund(() =>
      Promise.all(
        gateways.map(async (gw) => {
          const mine = cases.filter((c) => c.gw === gw)
          const scoped = mine.filter((c) => c.target === "read" || !gw.sharedRefundPath)
          await withFaults(scoped, () => pool(scoped, CONCURRENCY, trigger))
          for (const entry of REFUND_ENTRIES) {
            const group = mine.filter((c) => !scoped.includes(c) && c.entry === entry)
            if (group.length) await withSharedFaults(gw, group)
          }
        }),
      ),
    )
    await pool(
      cases.filter((c) => c.entry === "auto_refund"),
      CONCURRENCY,
      async (c) => void c.steps.push(`auto-refund ${await entryOutcome(c)}`),
    )
    mark(`matrix ${name}: faults armed, refunds started`)

    // Staff press again right after an error answer (for the automatic refund: when the order
    // still shows the return's amount owed).
    await pool(cases, CONCURRENCY, async (c) => {
      if (c.entry === "auto_refund") {
        if ((await owedMinor(c)) > 0) await press(c, "staff refund")
        return
      }
      if (c.answers[0].answer.status !== 200) await press(c, "again")
    })
    await idle()

    // The gateway's notifications about every order are delivered (Medusa hands them to the
    // provider about 5 s later).
    await pool(cases, CONCURRENCY, (c) => c.gw.adapter.notify(c.order))
    await idle()
    mark(`matrix ${name}: staff retry, notifications`)

    // The reconciliation job, once the latest refund in doubt is past its window, with a clock
    // past the pending threshold (every pending refund is asked about too).
    await reconcileOnceDoubtsExpired(cases)

    // Staff refund what the order still shows owed (chosen lines: the unit still refundable).
    await pool(cases, CONCURRENCY, async (c) => {
      if (c.entry === "chosen_lines") {
        if ((await refundableNow(c)) >= c.refundableBefore) await press(c, "later")
        return
      }
      const owed = await owedMinor(c)
      if (owed > 0) await press(c, "later", owed)
    })
    await idle()
    mark(`matrix ${name}: reconciliation, staff refund what is owed`)

    return pool(cases, CONCURRENCY, async (c) => count(c, await booksOf(c)))
  }

  async function reconcileOnceDoubtsExpired(cases: Case[]) {
    const states = await pool(cases, CONCURRENCY, (c) =>
      paymentState(getContainer(), c.order.paymentId),
    )
    const latest = states
      .flatMap((s) => s.entries.filter((e) => e.status === "in_doubt"))
      .map((e) => e.created_at)
      .sort()
      .pop()
    if (latest) await waitOutInDoubtWindow(latest)
    await reconcile(cases)
  }

  async function reconcile(cases: Case[]) {
    const reconciled = await reconcilePendingRefunds(getContainer(), {
      now: LATER(),
      limit: 10 * made.length,
    })
    await idle()
    for (const failed of reconciled.failed) {
      cases
        .filter((c) => c.order.paymentId === failed.payment_id)
        .forEach((c) => c.steps.push(`reconciliation failed: ${failed.error}`))
    }
  }

  async function runReportRound(cases: Case[], name: string): Promise<Counted[]> {
    // The gateway settles the refunds the order holds (pending at the gateway and in Medusa):
    // the oldest failed, the next succeeded. Nobody tells Medusa yet.
    await pool(cases, CONCURRENCY, async (c) => {
      c.before = await booksOf(c)
      const pending = c.gw.adapter
        .gatewayRefunds(c.order)
        .filter((r) => r.status === "pending" && c.before.ledgerStatus[r.reference] === "pending")
      if (!pending.length) throw new Error(`no pending refund on ${c.order.orderId} to settle`)
      c.settled = pending.slice(0, 2).map((r, i) => ({
        reference: r.reference,
        outcome: i === 0 ? ("failed" as const) : ("succeeded" as const),
      }))
      for (const s of c.settled) c.gw.adapter.settleRefund(c.order, s.reference, s.outcome)
      c.steps.push(`settled ${c.settled.map((s) => `${s.reference} ${s.outcome}`).join(", ")}`)
    })
    mark(`matrix ${name}: refunds settled at the gateways`)

    // Through the gateway's notification: the provider re-reads the order, fault armed.
    const reported = cases.filter((c) => c.entry === "gateway_report")
    await withFaults(reported, () =>
      pool(reported, CONCURRENCY, async (c) => {
        await c.gw.adapter.notify(c.order)
        c.steps.push("notified")
      }),
    )
    // Through the reconciliation job, fault armed on the order's read. It asks about every
    // pending refund, so the notified orders whose read failed are asked about here too.
    const asked = cases.filter((c) => c.entry === "reconciliation")
    await withFaults(asked, () => reconcile(cases))
    mark(`matrix ${name}: outcomes reported with faults armed`)

    // The job's next run, then staff refund what the order shows owed (a failed refund is owed
    // again), with the stock button, past any rule of the gateway against repeating a recent
    // refund's amount (MultiSafepay refuses the same amount within 5 minutes: its sandbox's
    // clock moves on, as staff would wait).
    await reconcile(cases)
    for (const gw of gateways) gw.adapter.allowRepeatRefund()
    await pool(cases, CONCURRENCY, async (c) => {
      const owed = await owedMinor(c)
      if (owed > 0) await press(c, "staff refund what is owed", owed)
    })
    await idle()
    mark(`matrix ${name}: reconciliation, staff refund what is owed`)
    return pool(cases, CONCURRENCY, async (c) => count(c, await booksOf(c)))
  }

  function count(c: Case, after: Books): Counted {
    const b = {
      gatewayMinor: after.gatewayMinor - c.before.gatewayMinor,
      gatewayLive: after.gatewayLive - c.before.gatewayLive,
      medusaMinor: after.medusaMinor - c.before.medusaMinor,
      ledgerMinor: after.ledgerMinor - c.before.ledgerMinor,
      summaryMinor: after.summaryMinor - c.before.summaryMinor,
      inDoubt: after.inDoubt,
    }
    const problems: string[] = []
    const near = (x: number, y: number) => Math.abs(x - y) < 1
    if (!near(b.gatewayMinor, b.medusaMinor)) {
      problems.push(`the gateway refunded ${b.gatewayMinor}, Medusa shows ${b.medusaMinor}`)
    }
    if (!near(b.ledgerMinor, b.medusaMinor)) {
      problems.push(`the ledger holds ${b.ledgerMinor}, Medusa's refunds ${b.medusaMinor}`)
    }
    if (!near(b.summaryMinor, b.medusaMinor)) {
      problems.push(
        `the order summary shows ${b.summaryMinor} refunded, the refunds ${b.medusaMinor}`,
      )
    }
    if (b.gatewayMinor < c.expectedMinor - 0.5) {
      problems.push(`the customer got ${b.gatewayMinor} of ${c.expectedMinor} owed`)
    }
    for (const s of c.settled) {
      const status = after.ledgerStatus[s.reference]
      if (status !== s.outcome) {
        problems.push(`the gateway ${s.outcome} refund ${s.reference}, the ledger shows ${status}`)
      }
    }
    const lost = problems.length ? 1 : 0
    if (b.inDoubt) problems.push(`${b.inDoubt} refund(s) still in doubt`)
    const doubled =
      b.gatewayLive > 1 ? b.gatewayLive - 1 : b.gatewayMinor > c.expectedMinor + 0.5 ? 1 : 0
    if (doubled) problems.push(`the gateway made ${b.gatewayLive} refunds (${b.gatewayMinor})`)
    const fiveXx = c.answers.filter((a) => isServerError(a.answer) && !isRetryLater(a.answer))
    const retryLater = c.answers.filter((a) => isRetryLater(a.answer)).length
    if (fiveXx.length) {
      problems.push(
        `5xx: ${fiveXx.map((a) => `${a.step} ${a.answer.status}`).join("; ")} (its answer in the steps)`,
      )
    }
    const note =
      lost || doubled || fiveXx.length || !c.fired
        ? `${c.kind} on the ${c.target} call, order ${c.order.orderId} (${c.order.gatewayOrder}), ${c.expectedMinor} owed: ${problems.join("; ") || "counted nothing"} — ${c.steps.join(" → ")}`
        : null
    return { c, lost, doubled, fiveXx: fiveXx.length, retryLater, note }
  }

  async function booksOf(c: Case): Promise<Books> {
    const live = c.gw.refundsAt(c.order).filter((r) => r.status !== "failed")
    const [{ refunds, entries }, summary] = await Promise.all([
      paymentState(getContainer(), c.order.paymentId),
      orderSummary(api, admin(), c.order.orderId),
    ])
    const holding = entries.filter((e) => e.status === "pending" || e.status === "succeeded")
    return {
      gatewayMinor: live.reduce((sum, r) => sum + r.minor, 0),
      gatewayLive: live.length,
      medusaMinor: refunds.reduce((sum, r) => sum + minorOf(c, r.amount), 0),
      ledgerMinor: holding.reduce((sum, e) => sum + minorOf(c, e.amount), 0),
      inDoubt: entries.filter((e) => e.status === "in_doubt").length,
      summaryMinor: minorOf(c, summary.refunded_total),
      ledgerStatus: Object.fromEntries(
        entries.filter((e) => e.gateway_reference).map((e) => [e.gateway_reference!, e.status]),
      ),
    }
  }

  const results = new Map<FaultsGateway, MatrixResult>()
  for (const gw of gateways) {
    const mine = counted.filter((r) => r.c.gw === gw)
    const rows = entriesOf(gw).flatMap((entry) =>
      KINDS.map((fault): ResultRow => {
        const cell = mine.filter((r) => r.c.entry === entry && r.c.kind === fault)
        return {
          kind: "fault",
          gateway: gw.name,
          entry: ENTRY_LABELS[entry],
          fault,
          cases: cell.length,
          faultsHit: cell.filter((r) => r.c.fired).length,
          lost: cell.reduce((sum, r) => sum + r.lost, 0),
          doubled: cell.reduce((sum, r) => sum + r.doubled, 0),
          fiveXx: cell.reduce((sum, r) => sum + r.fiveXx, 0),
          stateChanges: null,
          retryLater: cell.reduce((sum, r) => sum + r.retryLater, 0),
          notes: cell.flatMap((r) => (r.note ? [r.note] : [])),
        }
      }),
    )
    const unclean = new Set(mine.filter((r) => r.note).map((r) => r.c.order.orderId))
    results.set(gw, {
      rows,
      orders: ordersOf.get(gw)!.map((order) => ({ order, clean: !unclean.has(order.orderId) })),
    })
  }
  return results
}
