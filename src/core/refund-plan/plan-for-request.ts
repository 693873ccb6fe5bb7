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
  /** told when received returns could not be turned into lines (the refund goes by amount) */
  onPlanError?: (error: Error) => void
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
    // Medusa books the exact owed amount (it may hold fractions of a minor unit), so the order
    // settles to zero; the gateway refunds the plan amount, rounded to the minor unit.
    return { plan: storePlan(context, draft, request.source, policy), amount: draft.amount_exact }
  }

  const requested = decimalString(request.amount ?? context.payment.amount)
  let linesOnly: RefundPlanDraft
  let withShipping: RefundPlanDraft
  try {
    linesOnly = buildRefundPlan(base)
    withShipping = buildRefundPlan({ ...base, shipping: true })
  } catch (error) {
    // The stock button serves every provider's payments: an order the plan cannot describe must
    // not block a plain refund. It is refunded by amount, and the reason is reported.
    policy.onPlanError?.(error as Error)
    linesOnly = withShipping = emptyDraft(context, requested)
  }
  const matching = [linesOnly, withShipping].find(
    (draft) => !isEmptyPlan(draft) && sameAmountInCurrency(draft.amount, requested, currency),
  )
  if (matching) {
    return { plan: storePlan(context, matching, "admin_refund", policy), amount: requested }
  }

  if (isEmptyPlan(linesOnly)) guardAgainstRepeat(context, requested, policy)
  const amountOnly = emptyDraft(context, requested)
  return { plan: storePlan(context, amountOnly, "admin_refund", policy), amount: requested }
}

function emptyDraft(context: RefundContext, amount: string): RefundPlanDraft {
  return {
    order_id: context.order.id,
    currency_code: context.order.currency_code.toLowerCase(),
    amount,
    amount_exact: amount,
    return_ids: {},
    labels: {
      order: context.order.display_id == null ? null : String(context.order.display_id),
      returns: {},
    },
    lines: {},
    shipping: {},
  }
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
    ledger_basis: {
      units: Object.fromEntries(
        Object.keys(draft.lines).map((id) => [id, context.state.ledger.units[id] ?? 0]),
      ),
      shipping: Object.fromEntries(
        Object.keys(draft.shipping).map((id) => [id, context.state.ledger.shipping[id] ?? "0"]),
      ),
    },
    // Same payment, same units and amount, same refunds on record: a retry of this very refund.
    idempotency_key: logicalRefundKey({
      payment_id: context.payment.id,
      amount: draft.amount,
      lines: Object.fromEntries(Object.values(draft.lines).map((l) => [l.line_item_id, l.returns])),
      shipping: Object.keys(draft.shipping).sort(),
      refunds_on_record: Object.keys(context.state.refunds).length,
    }),
  }
}
