import { MathBN } from "@medusajs/framework/utils"
import { decimalString, toDecimal } from "../money"
import { LineRefundsState, lineRefundsPatch, RefundRecord } from "../payment-data"
import { emptyLedger, RefundLedger } from "../refund-plan"
import { SettleRefundAction } from "./decide-refund-outcomes"

/** The record's new status and the gateway's words about it, deep-merged into `payment.data`. */
function settledRecord(
  action: SettleRefundAction,
  now: Date,
): Partial<RefundRecord> & { gateway: Record<string, unknown> } {
  return {
    status: action.status,
    status_changed_at: now.toISOString(),
    gateway_reference: action.gateway_reference,
    gateway: { reported_status: action.gateway_status ?? action.status },
    ...(action.status === "failed" ? { failure_reason: action.failure_reason } : {}),
  }
}

/** A refund the gateway confirmed: only its record changes. */
export function succeededRefundPatch(action: SettleRefundAction, now: Date) {
  return lineRefundsPatch({ refunds: { [action.refund_id]: settledRecord(action, now) } })
}

/**
 * A refund the gateway failed, once Medusa's refund is undone: the record stays, marked failed
 * with the reason (staff must see it), and its units and shipping leave the ledger so they can
 * be refunded again. One patch, so the record and the ledger never disagree.
 */
export function failedRefundPatch(state: LineRefundsState, action: SettleRefundAction, now: Date) {
  const record = state.refunds[action.refund_id]
  return lineRefundsPatch({
    refunds: { [action.refund_id]: settledRecord(action, now) },
    ledger: record ? ledgerWithoutRefund(state, record) : emptyLedger(),
  })
}

/**
 * The ledger entries a refund added, taken back out, as absolute values (the mirror of
 * `ledgerAfterPlan`). The plan holds what was added: units per line and per return, and the
 * shipping's exact total. Never below zero.
 */
export function ledgerWithoutRefund(state: LineRefundsState, record: RefundRecord): RefundLedger {
  const current = state.ledger
  const next = emptyLedger()
  const plan = record.plan_id ? state.plans[record.plan_id] : undefined
  const lines: Array<{ id: string; quantity: number; returns: Record<string, number> }> = plan
    ? Object.values(plan.lines).map((l) => ({
        id: l.line_item_id,
        quantity: l.quantity,
        returns: l.returns,
      }))
    : // no plan left to read (should not happen): the record's own copy of the units
      Object.entries(record.lines).map(([id, l]) => ({ id, quantity: l.quantity, returns: {} }))
  const shipping = plan
    ? Object.values(plan.shipping).map((s) => ({ id: s.shipping_method_id, total: s.total_exact }))
    : Object.entries(record.shipping).map(([id, s]) => ({ id, total: s.total }))

  for (const line of lines) {
    next.units[line.id] = Math.max(0, (current.units[line.id] ?? 0) - line.quantity)
    for (const [returnId, quantity] of Object.entries(line.returns)) {
      const already = current.return_units[returnId]?.[line.id] ?? 0
      next.return_units[returnId] ??= {}
      next.return_units[returnId][line.id] = Math.max(0, already - quantity)
    }
  }
  for (const method of shipping) {
    const left = MathBN.sub(current.shipping[method.id] ?? 0, method.total)
    next.shipping[method.id] = decimalString(MathBN.max(left, 0))
  }
  return next
}

/**
 * The order credit line Medusa created when it booked this refund, so undoing the refund can
 * reverse exactly that. Medusa's rule (refundPaymentWorkflow): with `pending_difference` < 0 the
 * order owed the customer that much and only the excess became a credit line; otherwise the whole
 * refund did. `null` when the order's pending_difference before the refund is unknown.
 */
export function refundCreditLineAmount(
  refundAmount: string,
  pendingDifferenceBefore: string | null,
): string | null {
  if (pendingDifferenceBefore == null) return null
  const before = toDecimal(pendingDifferenceBefore)
  const amount = toDecimal(refundAmount)
  if (before.gte(0)) return decimalString(amount)
  const owed = before.negated()
  return decimalString(amount.gt(owed) ? amount.minus(owed) : 0)
}
