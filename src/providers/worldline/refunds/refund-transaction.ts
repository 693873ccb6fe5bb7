import { WorldlineOrder } from "../api/schemas"
import { minorOf } from "../money"
import { isFailedState, isProcessed, isRefundTransaction, isType } from "../statuses"

/**
 * Which payment transaction a refund references (docs/gateways/worldline.md#refund-request): an
 * order with one capture (or none: an authorisation captured at once) is refunded by order
 * (null); with several, the oldest processed capture whose unrefunded part covers the refund;
 * by order again when none does (Worldline then spreads it over the captures).
 */
export function refundTransactionFor(order: WorldlineOrder, amountMinor: number): string | null {
  const currency = order.orderAmount.currency
  const captures = order.transactions
    .filter((t) => isType(t, "capture") && isProcessed(t.state) && t.amount)
    .map((t, index) => ({ t, index }))
    .sort((a, b) => (a.t.createdAt ?? "").localeCompare(b.t.createdAt ?? "") || a.index - b.index)
    .map(({ t }) => t)
  if (captures.length <= 1) return null
  for (const capture of captures) {
    const refunded = order.transactions
      .filter(
        (t) =>
          isRefundTransaction(t) &&
          !isFailedState(t.state) &&
          t.referenceTransactionId === capture.transactionId &&
          t.amount,
      )
      .reduce((sum, t) => sum + minorOf(t.amount!.amount, currency), 0)
    if (minorOf(capture.amount!.amount, currency) - refunded >= amountMinor) {
      return capture.transactionId
    }
  }
  return null
}
