import { sameAmountInCurrency, withinMinorUnits } from "../money"
import { HOLDING_STATUSES, LedgerRefund, LedgerStatus } from "../ledger"
import { RefundStatus, StoredRefundPlan } from "../payment-data"
import { gatewayRefundPlanId } from "./gateway-refund-plan"
import { GatewayRefundReport, RefundUpdatedEvent } from "./types"

/** Move a booked refund forward: pending → succeeded | failed. */
export interface SettleRefundAction {
  type: "settle"
  /** the ledger entry */
  entry_id: string
  /** Medusa's refund id (`ref_…`) */
  refund_id: string
  status: "succeeded" | "failed"
  /** the gateway's id for the refund (also filled in when the entry was matched by key only) */
  gateway_reference: string
  /** the gateway's raw status, kept for staff */
  gateway_status: string | null
  /** failed only: why, in the gateway's words */
  failure_reason: string | null
}

/** A refund whose outcome was unknown was made at the gateway: book it in Medusa, with its lines. */
export interface RecordInDoubtAction {
  type: "record_in_doubt"
  entry_id: string
  report: GatewayRefundReport
}

/**
 * A refund whose outcome was unknown never happened: the gateway failed it, or shows nothing under
 * its key long after it was sent. Its units are released; nothing was booked in Medusa.
 */
export interface ReleaseInDoubtAction {
  type: "release_in_doubt"
  entry_id: string
  reason: string
  /** the gateway's id of the failed refund, kept so its later reports are known */
  gateway_reference: string | null
}

/** A refund made at the gateway that the ledger has no entry of (the gateway's dashboard). */
export interface RecordGatewayRefundAction {
  type: "record_gateway_refund"
  report: GatewayRefundReport
}

/** Something staff should know about that the plugin will not act on by itself. */
export interface WarnRefundOutcomeAction {
  type: "warn"
  gateway_reference: string
  entry_id: string | null
  message: string
}

export type RefundOutcomeAction =
  | SettleRefundAction
  | RecordInDoubtAction
  | ReleaseInDoubtAction
  | RecordGatewayRefundAction
  | WarnRefundOutcomeAction

export interface RefundOutcomeInput {
  /** the payment's ledger entries */
  entries: ReadonlyArray<LedgerRefund>
  /** the plans in the payment's data (a dashboard refund Medusa refused before has one) */
  plans: Record<string, StoredRefundPlan>
  payment_id: string
  /** the payment's currency */
  currency_code: string
  event: RefundUpdatedEvent
  /**
   * The payment's refunds in Medusa. One without a ledger entry that is only minutes old may be a
   * refund still being booked: while one exists, refunds the gateway reports that the ledger does
   * not know are not recorded yet, or the same money could be booked twice.
   */
  medusa_refunds?: Array<{ id: string; created_at: string }>
  now?: Date
}

/** How long a Medusa refund without a ledger entry counts as possibly in flight. */
export const IN_FLIGHT_WINDOW_MS = 10 * 60 * 1000

/**
 * Turns a gateway's snapshot of a payment's refunds into what must change in Medusa and the
 * ledger. Pure: the same entries and snapshot always give the same actions, and applying them
 * then deciding again on the same snapshot gives none, so replays and out-of-order deliveries
 * converge.
 */
export function decideRefundOutcomes(input: RefundOutcomeInput): RefundOutcomeAction[] {
  const { event } = input
  const currency = input.currency_code.toLowerCase()
  const entries = input.entries.filter((e) => e.payment_id === input.payment_id)
  const actions: RefundOutcomeAction[] = []
  const seenReferences = new Set<string>()
  /** entries already claimed by an earlier report of this snapshot */
  const claimed = new Set<string>()
  const inFlight = refundsInFlight(input, entries)

  for (const report of event.refunds) {
    if (seenReferences.has(report.gateway_reference)) continue
    seenReferences.add(report.gateway_reference)
    const warn = (message: string, entryId: string | null = null) =>
      actions.push({
        type: "warn",
        gateway_reference: report.gateway_reference,
        entry_id: entryId,
        message,
      })

    if (report.currency_code.toLowerCase() !== currency) {
      warn(
        `${event.provider} reports refund ${report.gateway_reference} in ${report.currency_code.toUpperCase()}, but the payment is in ${currency.toUpperCase()}; ignored`,
      )
      continue
    }

    const match = findEntry(entries, report)
    if (match.kind === "ambiguous") {
      warn(
        `${event.provider} reports refund ${report.gateway_reference} with the idempotency key of ledger entry ${match.entry.id}, which the gateway recorded as ${match.entry.gateway_reference}; left alone`,
        match.entry.id,
      )
      continue
    }
    if (match.kind === "found") {
      const entry = match.entry
      if (claimed.has(entry.id)) {
        warn(
          `${event.provider} reports a second refund (${report.gateway_reference}) for ledger entry ${entry.id}; left alone`,
          entry.id,
        )
        continue
      }
      claimed.add(entry.id)
      const action =
        entry.status === "in_doubt"
          ? inDoubtAction(entry, report, currency, event.provider)
          : settleAction(entry, report, currency, event.provider)
      if (action) actions.push(action)
      continue
    }
    if (match.kind === "late") {
      // released as never made, and now the gateway shows it: the money did move. It is booked
      // by amount (its units were released and may have been refunded since): staff must check.
      if (report.status === "failed") continue
      warn(
        `${event.provider} now shows refund ${report.gateway_reference} under the key of ledger entry ${match.entry.id}, which was released as never made; it is booked by amount only: check that its items were not refunded a second time`,
        match.entry.id,
      )
      actions.push({ type: "record_gateway_refund", report })
      continue
    }

    // A refund the ledger has no entry of.
    if (report.status === "failed") continue // it moved no money
    const refused = input.plans[gatewayRefundPlanId(input.payment_id, report.gateway_reference)]
    if (refused?.status === "abandoned") {
      // Medusa refused to record it before (e.g. more than is left to refund). Trying again on
      // every replay would only repeat the error; staff decide.
      warn(
        `${event.provider} refund ${report.gateway_reference} (${report.amount} ${currency.toUpperCase()}) could not be recorded in Medusa earlier (plan ${refused.id}); not retried`,
      )
      continue
    }
    if (inFlight.length) {
      warn(
        `${event.provider} reports refund ${report.gateway_reference} that is not recorded yet, while Medusa refund ${inFlight[0]} may still be in flight; recording deferred to a later report`,
      )
      continue
    }
    actions.push({ type: "record_gateway_refund", report })
  }

  // Refunds in doubt that the gateway does not show at all, long after they were sent: never made.
  const windowSeconds = event.absent_after_seconds
  if (windowSeconds != null) {
    const now = (input.now ?? new Date()).getTime()
    for (const entry of entries) {
      if (entry.status !== "in_doubt" || claimed.has(entry.id)) continue
      const ageSeconds = (now - new Date(entry.created_at).getTime()) / 1000
      if (ageSeconds < windowSeconds) continue
      actions.push({
        type: "release_in_doubt",
        entry_id: entry.id,
        reason: `${event.provider} shows no refund under key ${entry.idempotency_key} ${Math.round(ageSeconds)} s after it was sent: it was never made`,
        gateway_reference: null,
      })
    }
  }
  return actions
}

type EntryMatch =
  | { kind: "found"; entry: LedgerRefund }
  | { kind: "ambiguous"; entry: LedgerRefund }
  /** a refund released as never made, under whose key the gateway now shows a refund */
  | { kind: "late"; entry: LedgerRefund }
  | { kind: "none" }

/**
 * The ledger entry of a reported refund: by the gateway's reference, else by the idempotency key
 * the gateway echoes (an entry whose answer carried no reference, or was lost). A live entry with
 * the same key but another reference is a different gateway refund: never guess between them.
 */
function findEntry(entries: ReadonlyArray<LedgerRefund>, report: GatewayRefundReport): EntryMatch {
  const byReference = entries.find((e) => e.gateway_reference === report.gateway_reference)
  if (byReference) return { kind: "found", entry: byReference }
  if (!report.idempotency_key) return { kind: "none" }
  const byKey = entries.find(
    (e) => e.idempotency_key === report.idempotency_key && HOLDING_STATUSES.has(e.status),
  )
  if (!byKey) {
    const released = entries.find(
      (e) =>
        e.idempotency_key === report.idempotency_key &&
        e.status === "released" &&
        !e.gateway_reference,
    )
    return released ? { kind: "late", entry: released } : { kind: "none" }
  }
  return byKey.gateway_reference
    ? { kind: "ambiguous", entry: byKey }
    : { kind: "found", entry: byKey }
}

/**
 * A refund in doubt that the gateway reports under its key: made (book it, if it is for the amount
 * the entry was for, give or take the gateway's rounding), or failed (release it).
 */
function inDoubtAction(
  entry: LedgerRefund,
  report: GatewayRefundReport,
  currency: string,
  provider: string,
): RefundOutcomeAction {
  if (report.status === "failed") {
    return {
      type: "release_in_doubt",
      entry_id: entry.id,
      reason: `${provider} failed refund ${report.gateway_reference}: ${report.reason ?? report.gateway_status ?? "failed"}`,
      gateway_reference: report.gateway_reference,
    }
  }
  if (!withinMinorUnits(entry.amount, report.amount, currency, 1)) {
    return warning(
      entry,
      report,
      `${provider} reports ${report.amount} ${currency.toUpperCase()} for refund ${report.gateway_reference} under the key of ledger entry ${entry.id}, which is for ${entry.amount}; left in doubt for staff to check`,
    )
  }
  return { type: "record_in_doubt", entry_id: entry.id, report }
}

/** Statuses only move forward; succeeded and failed are final. */
function settleAction(
  entry: LedgerRefund,
  report: GatewayRefundReport,
  currency: string,
  provider: string,
): RefundOutcomeAction | null {
  const entryCurrency = entry.currency_code.toLowerCase()
  if (entryCurrency !== report.currency_code.toLowerCase()) {
    return warning(
      entry,
      report,
      `${provider} reports refund ${report.gateway_reference} in ${report.currency_code.toUpperCase()}, but ledger entry ${entry.id} is in ${entryCurrency.toUpperCase()}; not settled`,
    )
  }
  // the gateway's own figure when its rounding differs from Medusa's (recorded by the provider)
  const expected = entry.gateway_amount ?? entry.amount
  if (!sameAmountInCurrency(expected, report.amount, currency)) {
    return warning(
      entry,
      report,
      `${provider} reports ${report.amount} ${currency.toUpperCase()} for refund ${report.gateway_reference}, but ledger entry ${entry.id} is ${expected}; not settled`,
    )
  }
  if (entry.status === "released") {
    // never booked: the gateway failed it (or never made it); only a success would contradict that
    if (report.status !== "succeeded") return null
    return warning(
      entry,
      report,
      `${provider} now reports refund ${report.gateway_reference} as succeeded, but ledger entry ${entry.id} was released after ${provider} failed it; left as it is: check with ${provider}`,
    )
  }
  const change = transition(entry.status, report.status)
  if (change === "none") return null
  if (change === "conflict" || !entry.refund_id) {
    // A succeeded refund that the gateway now calls failed is a reversal (a chargeback or a
    // gateway correction), not a refund outcome: out of scope, but staff must know.
    return warning(
      entry,
      report,
      `${provider} now reports refund ${report.gateway_reference} as ${report.status}, but ledger entry ${entry.id} was recorded ${entry.status}; left as it is`,
    )
  }
  return {
    type: "settle",
    entry_id: entry.id,
    refund_id: entry.refund_id,
    status: change,
    gateway_reference: report.gateway_reference,
    gateway_status: report.gateway_status ?? null,
    failure_reason:
      change === "failed"
        ? (report.reason ?? report.gateway_status ?? "failed at the gateway")
        : null,
  }
}

function transition(
  current: LedgerStatus,
  reported: RefundStatus,
): "none" | "conflict" | "succeeded" | "failed" {
  if (current === reported || reported === "pending") return "none"
  if (current === "pending") return reported
  return "conflict"
}

function warning(
  entry: LedgerRefund,
  report: GatewayRefundReport,
  message: string,
): WarnRefundOutcomeAction {
  return { type: "warn", gateway_reference: report.gateway_reference, entry_id: entry.id, message }
}

function refundsInFlight(
  input: RefundOutcomeInput,
  entries: ReadonlyArray<LedgerRefund>,
): string[] {
  const now = (input.now ?? new Date()).getTime()
  const booked = new Set(entries.map((e) => e.refund_id).filter(Boolean))
  return (input.medusa_refunds ?? [])
    .filter((refund) => !booked.has(refund.id))
    .filter((refund) => now - new Date(refund.created_at).getTime() < IN_FLIGHT_WINDOW_MS)
    .map((refund) => refund.id)
}
