import { MedusaError } from "@medusajs/framework/utils"
import { decimalString, sameAmountInCurrency, toDecimal } from "../money"
import { LineRefundsState, logicalRefundKey, PlanSource, StoredRefundPlan } from "../payment-data"
import { buildRefundPlan, isEmptyPlan } from "./build-refund-plan"
import { OrderSnapshot, ReceivedReturnSnapshot, RefundLedger, RefundPlanDraft } from "./types"

/** What the app layer knows when a refund is asked for. */
export interface RefundContext {
  payment: {
    id: string
    amount: string
    currency_code: string
    refunds: Array<{ id: string; amount: string; created_at: string }>
  }
  order: OrderSnapshot & { pending_difference: string | null }
  returns: ReceivedReturnSnapshot[]
  /** refunded units over all of the order's payments */
  ledger: RefundLedger
  /** the plugin's state in this payment's data */
  state: LineRefundsState
}

export type RefundRequest =
  /** the stock admin Refund button: an amount, maybe none (Medusa then refunds the payment amount) */
  | { kind: "amount"; amount?: string | number | null }
  /** one return, explicitly or automatically on receipt */
  | {
      kind: "return"
      return_id: string
      include_shipping?: boolean
      source: "return_refund" | "auto_refund"
    }

export interface PlanDecision {
  plan: StoredRefundPlan
  /** the amount to refund in Medusa (major units) */
  amount: string
}

export interface PlanPolicy {
  duplicateRefundWindowSeconds: number
  now: Date
  newPlanId: () => string
}

/**
 * Decides what a refund request refunds. An explicit return refund covers that return's
 * received-but-unrefunded units. An amount from the stock button covers all received units when
 * it is exactly what they are owed (with or without the remaining shipping); any other amount is
 * an amount-only refund, never a guess at lines. A repeat of a recent refund's amount with no
 * received units left is refused as a double submission.
 */
export function planForRequest(
  context: RefundContext,
  request: RefundRequest,
  policy: PlanPolicy,
): PlanDecision {
  const base = { order: context.order, returns: context.returns, ledger: context.ledger }
  const currency = context.order.currency_code

  if (request.kind === "return") {
    const known = context.returns.some((r) => r.id === request.return_id)
    if (!known) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Return ${request.return_id} has received nothing yet on order ${context.order.id}`,
      )
    }
    const draft = buildRefundPlan({
      ...base,
      return_id: request.return_id,
      shipping: !!request.include_shipping,
    })
    if (isEmptyPlan(draft)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Return ${request.return_id} has no received units left to refund`,
      )
    }
    return { plan: storePlan(context, draft, request.source, policy), amount: draft.amount }
  }

  const requested = decimalString(request.amount ?? context.payment.amount)
  const linesOnly = buildRefundPlan(base)
  const withShipping = buildRefundPlan({ ...base, shipping: true })
  const matching = [linesOnly, withShipping].find(
    (draft) => !isEmptyPlan(draft) && sameAmountInCurrency(draft.amount, requested, currency),
  )
  if (matching) {
    return { plan: storePlan(context, matching, "admin_refund", policy), amount: requested }
  }

  if (isEmptyPlan(linesOnly)) guardAgainstRepeat(context, requested, policy)
  const amountOnly: RefundPlanDraft = {
    order_id: context.order.id,
    currency_code: currency.toLowerCase(),
    amount: requested,
    amount_exact: requested,
    return_ids: {},
    lines: {},
    shipping: {},
  }
  return { plan: storePlan(context, amountOnly, "admin_refund", policy), amount: requested }
}

function guardAgainstRepeat(context: RefundContext, amount: string, policy: PlanPolicy) {
  const windowMs = policy.duplicateRefundWindowSeconds * 1000
  if (windowMs <= 0) return
  const repeat = context.payment.refunds.find(
    (refund) =>
      policy.now.getTime() - new Date(refund.created_at).getTime() <= windowMs &&
      sameAmountInCurrency(refund.amount, amount, context.payment.currency_code),
  )
  if (repeat) {
    const seconds = Math.max(
      0,
      Math.round((policy.now.getTime() - new Date(repeat.created_at).getTime()) / 1000),
    )
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Payment ${context.payment.id} was refunded ${toDecimal(amount).toFixed()} ${context.payment.currency_code.toUpperCase()} ${seconds}s ago (refund ${repeat.id}) and no received return is left to refund; refusing to refund the same amount twice. Retry after ${policy.duplicateRefundWindowSeconds}s if this refund is intended.`,
    )
  }
}

function storePlan(
  context: RefundContext,
  draft: RefundPlanDraft,
  source: PlanSource,
  policy: PlanPolicy,
): StoredRefundPlan {
  return {
    ...draft,
    id: policy.newPlanId(),
    status: "open",
    source,
    payment_id: context.payment.id,
    created_at: policy.now.toISOString(),
    pending_difference_before: context.order.pending_difference,
    // Same payment, same units and amount, same refunds on record: a retry of this very refund.
    idempotency_key: logicalRefundKey({
      payment_id: context.payment.id,
      amount: draft.amount,
      lines: Object.fromEntries(Object.values(draft.lines).map((l) => [l.line_item_id, l.returns])),
      shipping: Object.keys(draft.shipping),
      refunds_on_record: Object.keys(context.state.refunds).length,
    }),
  }
}
