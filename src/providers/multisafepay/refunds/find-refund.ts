import { MspOrder, MspRelatedTransaction } from "../api/schemas"
import { refundStatus } from "../statuses"
import { refundTransactions } from "./refund-report"

/**
 * The refund MultiSafepay made under our logical refund key (sent as `refund_order_id`), unless
 * it failed: a failed refund may be tried again.
 */
export function findRefundByKey(order: MspOrder, key: string): MspRelatedTransaction | null {
  return (
    refundTransactions(order).find(
      (t) => t.refund_order_id === key && refundStatus(t.status) !== "failed",
    ) ?? null
  )
}
