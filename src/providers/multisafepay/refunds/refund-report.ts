import { gatewayRefundFailureReason } from "../../../core/messages"
import { fromMinorUnits } from "../../../core/money"
import { GatewayRefundReport } from "../../../core/refund-outcomes"
import { RefundReport } from "../../../gateway-kit"
import { MspOrder, MspRelatedTransaction } from "../api/schemas"
import { refundStatus } from "../statuses"
import { sessionIdOf } from "../order-ids"

/** The refunds of an order as MultiSafepay holds them: `related_transactions` of type refund. */
export function refundTransactions(order: MspOrder): MspRelatedTransaction[] {
  return (order.related_transactions ?? []).filter((t) => t.type === "refund")
}

/**
 * One refund transaction as the neutral report. A failed one carries MultiSafepay's own reason
 * verbatim (the order page shows it), or says that MultiSafepay gave none.
 */
export function toRefundReport(
  transaction: MspRelatedTransaction,
  currency: string,
): GatewayRefundReport {
  return {
    gateway_reference: transaction.transaction_id,
    status: refundStatus(transaction.status),
    amount: fromMinorUnits(transaction.amount, transaction.currency ?? currency),
    currency_code: (transaction.currency ?? currency).toLowerCase(),
    idempotency_key: transaction.refund_order_id ?? null,
    gateway_status: transaction.status,
    reason:
      refundStatus(transaction.status) === "failed"
        ? gatewayRefundFailureReason({
            gateway: "MultiSafepay",
            status: transaction.status,
            reason: transaction.reason,
          })
        : null,
    created_at: transaction.created ?? null,
  }
}

/** Everything MultiSafepay says about an order's refunds, as the neutral report. */
export function refundReport(order: MspOrder): RefundReport {
  return {
    provider: "multisafepay",
    session_id: sessionIdOf(order.order_id),
    payment_reference: order.order_id,
    refunds: refundTransactions(order).map((t) => toRefundReport(t, order.currency)),
  }
}
