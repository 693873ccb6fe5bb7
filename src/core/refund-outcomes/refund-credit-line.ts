import { decimalString, toDecimal } from "../money"

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
