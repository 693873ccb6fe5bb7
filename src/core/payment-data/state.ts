import { RefundLedger, RefundPlanDraft } from "../refund-plan"

/**
 * Everything the plugin keeps in `payment.data`, under one key so it never collides with a
 * gateway's own fields. All collections are objects keyed by id: Medusa deep-merges the data a
 * provider returns into `payment.data`, replaces arrays wholesale and keeps keys set to null.
 */
export const LINE_REFUNDS_KEY = "line_refunds"

/** open → consumed by the refund it was written for; superseded by a newer plan; abandoned when
 * its refund failed. Only open plans are ever taken. */
export type PlanStatus = "open" | "consumed" | "superseded" | "abandoned"

/** Who asked for the refund the plan describes. */
export type PlanSource = "admin_refund" | "return_refund" | "auto_refund"

export interface StoredRefundPlan extends RefundPlanDraft {
  id: string
  status: PlanStatus
  source: PlanSource
  payment_id: string
  created_at: string
  /** the same for every attempt at the same logical refund, new for every other refund */
  idempotency_key: string
  /** the order's pending_difference just before this refund, so an undo can be exact */
  pending_difference_before: string | null
  /**
   * This payment's ledger entries for the plan's lines and shipping when the plan was computed.
   * The provider refuses the plan if the ledger has moved since: another refund got there first.
   */
  ledger_basis: { units: Record<string, number>; shipping: Record<string, string> }
  /**
   * Set when the gateway already made this refund (from its dashboard, or a refund whose response
   * was lost): the provider records it under Medusa's refund and never calls the gateway again.
   */
  refunded_at_gateway?: { reference: string; status: RefundStatus } | null
  consumed_by_refund_id?: string | null
  consumed_at?: string | null
}

export type RefundStatus = "pending" | "succeeded" | "failed"

/** The outcome of one Medusa refund, keyed by its Medusa refund id (`ref_…`). */
export interface RefundRecord {
  refund_id: string
  plan_id: string | null
  kind: "lines" | "amount"
  amount: string
  currency_code: string | null
  idempotency_key: string
  status: RefundStatus
  created_at: string
  pending_difference_before: string | null
  lines: Record<string, { quantity: number; total: string }>
  shipping: Record<string, { total: string }>
  /** the gateway's id for this refund, matched against what webhooks and reconciliation report */
  gateway_reference: string | null
  /**
   * What the gateway refunds when its own rounding differs from `amount` (at most one minor
   * unit, e.g. MultiSafepay's cart rule): reports are compared with this, not with `amount`.
   */
  gateway_amount?: string | null
  /** gateway references and whatever else the provider wants to keep about this refund */
  gateway: Record<string, unknown>
  /** "gateway": the provider asked the gateway; "recorded": the gateway had already refunded */
  origin?: "gateway" | "recorded"
  /** when the record last changed status after creation (ISO 8601) */
  status_changed_at?: string | null
  /** why the gateway failed the refund, in its words: shown to staff */
  failure_reason?: string | null
}

export interface LineRefundsState {
  plans: Record<string, StoredRefundPlan>
  ledger: RefundLedger
  refunds: Record<string, RefundRecord>
}

function objectOr<T>(value: unknown, fallback: T): T {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as T) : fallback
}

/** Reads the plugin's state out of `payment.data`, tolerating absent or partial state. */
export function readLineRefundsState(
  data: Record<string, unknown> | null | undefined,
): LineRefundsState {
  const raw = objectOr<Record<string, unknown>>(data?.[LINE_REFUNDS_KEY], {})
  const ledger = objectOr<Partial<RefundLedger>>(raw.ledger, {})
  const withoutNulls = <T>(record: Record<string, T | null>) =>
    Object.fromEntries(Object.entries(record).filter(([, v]) => v != null)) as Record<string, T>
  return {
    plans: withoutNulls(objectOr(raw.plans, {})),
    refunds: withoutNulls(objectOr(raw.refunds, {})),
    ledger: {
      units: objectOr(ledger.units, {}),
      return_units: objectOr(ledger.return_units, {}),
      shipping: objectOr(ledger.shipping, {}),
    },
  }
}

/** Wraps a partial state in the namespace key, ready to be deep-merged into `payment.data`. */
export function lineRefundsPatch(patch: {
  plans?: Record<string, Partial<StoredRefundPlan>>
  ledger?: Partial<RefundLedger>
  refunds?: Record<string, Partial<RefundRecord>>
}): Record<string, unknown> {
  return { [LINE_REFUNDS_KEY]: patch }
}

/**
 * The patch that stores a new open plan and retires every other open plan of the payment, so
 * at most one plan can ever be taken by the provider.
 */
export function openPlanPatch(state: LineRefundsState, plan: StoredRefundPlan) {
  const plans: Record<string, Partial<StoredRefundPlan>> = {}
  for (const existing of Object.values(state.plans)) {
    if (existing.status === "open" && existing.id !== plan.id) {
      plans[existing.id] = { status: "superseded" }
    }
  }
  plans[plan.id] = plan
  return lineRefundsPatch({ plans })
}
