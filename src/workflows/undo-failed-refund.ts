import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { SettleRefundAction } from "../core/refund-outcomes"
import { correctRefundedAmountStep } from "./steps/refund-outcomes/correct-refunded-amount"
import { deleteRefundStep } from "./steps/refund-outcomes/delete-refund"
import { markRefundSettledStep } from "./steps/refund-outcomes/mark-refund-settled"
import { removeRefundOrderTransactionsStep } from "./steps/refund-outcomes/remove-refund-order-transactions"
import { reverseRefundCreditLineStep } from "./steps/refund-outcomes/reverse-refund-credit-line"

export interface UndoFailedRefundInput {
  payment_collection_id: string
  order_id: string
  /** the settle action for the failed refund (its Medusa refund id, reason) */
  action: SettleRefundAction
  /** the amount Medusa booked for the refund (the ledger entry's amount) */
  amount: string
  /** the order's pending_difference just before the refund (from the ledger entry) */
  pending_difference_before: string | null
}

/**
 * Undoes in Medusa a refund the gateway failed, so the order owes the customer again
 * (the steps below say how Medusa keeps its books): its order transaction and Refund row go, the payment collection's
 * refunded_amount is corrected, a credit line Medusa added for it is reversed, and finally its
 * ledger entry is marked failed with the reason, which releases its units.
 *
 * Run under the payment's refund lock. Every step checks before it acts, so a run interrupted
 * halfway is completed by the next report of the same refund; the entry turns "failed" only
 * at the end.
 */
export const undoFailedRefundWorkflow = createWorkflow(
  "line-refunds-undo-failed-refund",
  (input: UndoFailedRefundInput) => {
    const refund = transform({ input }, ({ input }) => ({
      order_id: input.order_id,
      refund_id: input.action.refund_id,
    }))
    removeRefundOrderTransactionsStep(refund)
    deleteRefundStep(transform({ refund }, ({ refund }) => ({ refund_id: refund.refund_id })))
    correctRefundedAmountStep(
      transform({ input }, ({ input }) => ({ payment_collection_id: input.payment_collection_id })),
    )
    reverseRefundCreditLineStep(
      transform({ input }, ({ input }) => ({
        order_id: input.order_id,
        refund_id: input.action.refund_id,
        amount: input.amount,
        pending_difference_before: input.pending_difference_before,
      })),
    )
    const marked = markRefundSettledStep(
      transform({ input }, ({ input }) => ({ action: input.action })),
    )
    return new WorkflowResponse(marked)
  },
)
