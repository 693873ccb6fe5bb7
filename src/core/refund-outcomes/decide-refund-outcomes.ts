import { sameAmountInCurrency } from "../money"
import { LineRefundsState, RefundRecord, RefundStatus, StoredRefundPlan } from "../payment-data"
import { GatewayRefundReport, RefundUpdatedEvent } from "./types"

/** Move a known refund record forward: pending → succeeded | failed. */
export interface SettleRefundAction {
  type: "settle"
  /** Medusa's refund id (`ref_…`), the record's key */
  refund_id: string
  status: "succeeded" | "failed"
  /** the gateway's id for the refund (also filled in when the record was matched by key only) */
  gateway_reference: string
  /** the gateway's raw status, kept on the record for staff */
  gateway_status: string | null
  /** failed only: why, in the gateway's words */
  failure_reason: string | null
}

/**
 * Record in Medusa a refund the gateway made that we have no record of: one made in the gateway's
 * dashboard, or one of ours whose response was lost (then `plan_id` names the plan it was made
 * for, so its lines are recorded too).
 */
export interface RecordGatewayRefundAction {
  type: "record_gateway_refund"
  report: GatewayRefundReport
  plan_id: string | null
}

/** Something staff should know about that the plugin will not act on by itself. */
export interface WarnRefundOutcomeAction {
  type: "warn"
  gateway_reference: string
  refund_id: string | null
  message: string
}

export type RefundOutcomeAction =
  | SettleRefundAction
  | RecordGatewayRefundAction
  | WarnRefundOutcomeAction

export interface RefundOutcomeInput {
  /** the plugin's state in the payment's data */
  state: LineRefundsState
  /** the payment's currency */
  currency_code: string
  event: RefundUpdatedEvent
  /**
   * The payment's refunds in Medusa. One without a record of ours that is only minutes old may be
   * a refund still in flight (Medusa writes the refund row before it calls the provider): while
   * one exists, refunds the gateway reports that we do not know are not recorded yet, or the
   * same money could be booked twice.
   */
  medusa_refunds?: Array<{ id: string; created_at: string }>
  now?: Date
}

/** How long a Medusa refund without a record counts as possibly in flight. */
export const IN_FLIGHT_WINDOW_MS = 10 * 60 * 1000

/**
 * Turns a gateway's snapshot of a payment's refunds into what must change in Medusa. Pure: the
 * same state and snapshot always give the same actions, and applying them then deciding again on
 * the same snapshot gives none, so replays and out-of-order deliveries converge.
 */
export function decideRefundOutcomes(input: RefundOutcomeInput): RefundOutcomeAction[] {
  const { state, event } = input
  const currency = input.currency_code.toLowerCase()
  const records = Object.values(state.refunds)
  const actions: RefundOutcomeAction[] = []
  const seenReferences = new Set<string>()
  /** records already claimed by an earlier report of this snapshot */
  const claimed = new Set<string>()
  const inFlight = refundsInFlight(input)

  for (const report of event.refunds) {
    if (seenReferences.has(report.gateway_reference)) continue
    seenReferences.add(report.gateway_reference)
    const warn = (message: string, refundId: string | null = null) =>
      actions.push({
        type: "warn",
        gateway_reference: report.gateway_reference,
        refund_id: refundId,
        message,
      })

    if (report.currency_code.toLowerCase() !== currency) {
      warn(
        `${event.provider} reports refund ${report.gateway_reference} in ${report.currency_code.toUpperCase()}, but the payment is in ${currency.toUpperCase()}; ignored`,
      )
      continue
    }

    const match = findRecord(records, report)
    if (match.kind === "ambiguous") {
      warn(
        `${event.provider} reports refund ${report.gateway_reference} with the idempotency key of refund ${match.record.refund_id}, which the gateway recorded as ${match.record.gateway_reference}; left alone`,
        match.record.refund_id,
      )
      continue
    }
    if (match.kind === "found") {
      const record = match.record
      if (claimed.has(record.refund_id)) {
        warn(
          `${event.provider} reports a second refund (${report.gateway_reference}) for refund ${record.refund_id}; left alone`,
          record.refund_id,
        )
        continue
      }
      claimed.add(record.refund_id)
      const settle = settleAction(record, report, currency, event.provider)
      if (settle) actions.push(settle)
      continue
    }

    // A refund we have no record of.
    if (report.status === "failed") continue // it moved no money
    const alreadyRecording = Object.values(state.plans).find(
      (plan) => plan.refunded_at_gateway?.reference === report.gateway_reference,
    )
    if (alreadyRecording?.status === "consumed") continue
    if (alreadyRecording?.status === "abandoned") {
      // Medusa refused to record it before (e.g. more than is left to refund). Trying again on
      // every replay would only repeat the error; staff decide.
      warn(
        `${event.provider} refund ${report.gateway_reference} (${report.amount} ${currency.toUpperCase()}) could not be recorded in Medusa earlier (plan ${alreadyRecording.id}); not retried`,
      )
      continue
    }
    if (inFlight.length) {
      warn(
        `${event.provider} reports refund ${report.gateway_reference} that is not recorded yet, while Medusa refund ${inFlight[0]} may still be in flight; recording deferred to a later report`,
      )
      continue
    }
    actions.push({
      type: "record_gateway_refund",
      report,
      plan_id: planForKey(state, report.idempotency_key)?.id ?? null,
    })
  }
  return actions
}

type RecordMatch =
  | { kind: "found"; record: RefundRecord }
  | { kind: "ambiguous"; record: RefundRecord }
  | { kind: "none" }

/**
 * Our record of a reported refund: by the gateway's reference, else by the idempotency key the
 * gateway echoes (a record whose response carried no reference). A record with the same key but
 * another reference is a different gateway refund: never guess between them.
 */
function findRecord(records: RefundRecord[], report: GatewayRefundReport): RecordMatch {
  const byReference = records.find((r) => r.gateway_reference === report.gateway_reference)
  if (byReference) return { kind: "found", record: byReference }
  if (!report.idempotency_key) return { kind: "none" }
  const byKey = records.find((r) => r.idempotency_key === report.idempotency_key)
  if (!byKey) return { kind: "none" }
  return byKey.gateway_reference
    ? { kind: "ambiguous", record: byKey }
    : { kind: "found", record: byKey }
}

/** Statuses only move forward; succeeded and failed are final. */
function settleAction(
  record: RefundRecord,
  report: GatewayRefundReport,
  currency: string,
  provider: string,
): RefundOutcomeAction | null {
  const recordCurrency = (record.currency_code ?? currency).toLowerCase()
  if (recordCurrency !== report.currency_code.toLowerCase()) {
    return warning(
      record,
      report,
      `${provider} reports refund ${report.gateway_reference} in ${report.currency_code.toUpperCase()}, but refund ${record.refund_id} is in ${recordCurrency.toUpperCase()}; not settled`,
    )
  }
  // the gateway's own figure when its rounding differs from Medusa's (recorded by the provider)
  const expected = record.gateway_amount ?? record.amount
  if (!sameAmountInCurrency(expected, report.amount, recordCurrency)) {
    return warning(
      record,
      report,
      `${provider} reports ${report.amount} ${recordCurrency.toUpperCase()} for refund ${report.gateway_reference}, but refund ${record.refund_id} is ${expected}; not settled`,
    )
  }
  const change = transition(record.status, report.status)
  if (change === "none") return null
  if (change === "conflict") {
    // A succeeded refund that the gateway now calls failed is a reversal (a chargeback or a
    // gateway correction), not a refund outcome: out of scope, but staff must know.
    return warning(
      record,
      report,
      `${provider} now reports refund ${report.gateway_reference} as ${report.status}, but refund ${record.refund_id} was recorded ${record.status}; left as it is`,
    )
  }
  return {
    type: "settle",
    refund_id: record.refund_id,
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
  current: RefundStatus,
  reported: RefundStatus,
): "none" | "conflict" | "succeeded" | "failed" {
  if (current === reported || reported === "pending") return "none"
  if (current === "pending") return reported
  return "conflict"
}

function warning(
  record: RefundRecord,
  report: GatewayRefundReport,
  message: string,
): WarnRefundOutcomeAction {
  return {
    type: "warn",
    gateway_reference: report.gateway_reference,
    refund_id: record.refund_id,
    message,
  }
}

/** The newest plan made for this idempotency key: the refund whose response was lost. */
function planForKey(
  state: LineRefundsState,
  key: string | null | undefined,
): StoredRefundPlan | null {
  if (!key) return null
  return (
    Object.values(state.plans)
      .filter((plan) => plan.idempotency_key === key && !plan.refunded_at_gateway)
      .sort((a, b) => b.created_at.localeCompare(a.created_at))[0] ?? null
  )
}

function refundsInFlight(input: RefundOutcomeInput): string[] {
  const now = (input.now ?? new Date()).getTime()
  return (input.medusa_refunds ?? [])
    .filter((refund) => !input.state.refunds[refund.id])
    .filter((refund) => now - new Date(refund.created_at).getTime() < IN_FLIGHT_WINDOW_MS)
    .map((refund) => refund.id)
}
