import { RefundPlanDraft } from "../refund-plan"

/**
 * What the plugin keeps in `payment.data`, under one key so it never collides with a gateway's
 * own fields: the plans that carry a refund's lines to the provider (the only channel Medusa
 * gives), and what the provider learned from its gateway about each refund. What was refunded is
 * NOT kept here: that is the ledger in the plugin's own tables (`src/modules/line-refunds`).
 * All collections are objects keyed by id: Medusa deep-merges the data a provider returns into
 * `payment.data`, replaces arrays wholesale and keeps keys set to null.
 */
export const LINE_REFUNDS_KEY = "line_refunds"

/** open → consumed by the refund it was written for; superseded by a newer plan; abandoned when
 * its refund failed. Only open plans are ever taken. */
export type PlanStatus = "open" | "consumed" | "superseded" | "abandoned"

/** Who asked for the refund the plan describes. */
export type PlanSource = "admin_refund" | "return_refund" | "auto_refund" | "chosen_lines"

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
   * Set when this plan retries a refund whose outcome is unknown (its answer was lost): when
   * that first attempt was made. The provider must find the refund at its gateway by key before
   * it may send anything, and may not send again while the first attempt could still land.
   */
  in_doubt_since?: string | null
  /**
   * Set when the gateway already made this refund (from its dashboard, or a refund whose response
   * was lost): the provider records it under Medusa's refund and never calls the gateway again.
   */
  refunded_at_gateway?: {
    reference: string
    status: RefundStatus
    /** what the gateway refunded, when its rounding differs from the plan's amount */
    amount?: string | null
  } | null
  /**
   * Medusa's amounts minus the gateway's over this payment's earlier refunds
   * (`gatewayRoundingCarry` in src/core/ledger): the provider adds it before rounding what it
   * sends, so one-unit rounding deltas never pile up across refunds.
   */
  gateway_carry?: string | null
  /**
   * The Medusa refund reason staff chose, when they chose one: Medusa hands a provider no reason,
   * and some gateways need one (Smartpay's `reason`, docs/gateways/smartpay.md#refund-request).
   */
  refund_reason?: PlanRefundReason | null
  consumed_by_refund_id?: string | null
  consumed_at?: string | null
}

/** A Medusa refund reason as a plan carries it to the provider. */
export interface PlanRefundReason {
  id: string
  code: string | null
  label: string | null
}

export type RefundStatus = "pending" | "succeeded" | "failed"

/**
 * What a provider of this plugin learned from its gateway about one Medusa refund, keyed by the
 * Medusa refund id (`ref_…`). The workflow copies it into the ledger entry of that refund.
 */
export interface GatewayRefundState {
  refund_id: string
  plan_id: string | null
  idempotency_key: string
  status: RefundStatus
  created_at: string
  /** the gateway's id for this refund, matched against what webhooks and reconciliation report */
  gateway_reference: string | null
  /**
   * What the gateway refunds when its own rounding differs from Medusa's amount (at most one
   * minor unit, e.g. MultiSafepay's cart rule): reports are compared with this.
   */
  gateway_amount?: string | null
  currency_code: string | null
  /** gateway references and whatever else the provider wants to keep about this refund */
  gateway: Record<string, unknown>
  /** "gateway": the provider asked the gateway; "recorded": the gateway had already refunded */
  origin?: "gateway" | "recorded"
}

export interface LineRefundsState {
  plans: Record<string, StoredRefundPlan>
  refunds: Record<string, GatewayRefundState>
}

function objectOr<T>(value: unknown, fallback: T): T {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as T) : fallback
}

/** Reads the plugin's state out of `payment.data`, tolerating absent or partial state. */
export function readLineRefundsState(
  data: Record<string, unknown> | null | undefined,
): LineRefundsState {
  const raw = objectOr<Record<string, unknown>>(data?.[LINE_REFUNDS_KEY], {})
  const withoutNulls = <T>(record: Record<string, T | null>) =>
    Object.fromEntries(Object.entries(record).filter(([, v]) => v != null)) as Record<string, T>
  return {
    plans: withoutNulls(objectOr(raw.plans, {})),
    refunds: withoutNulls(objectOr(raw.refunds, {})),
  }
}

/** Wraps a partial state in the namespace key, ready to be deep-merged into `payment.data`. */
export function lineRefundsPatch(patch: {
  plans?: Record<string, Partial<StoredRefundPlan>>
  refunds?: Record<string, Partial<GatewayRefundState>>
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
