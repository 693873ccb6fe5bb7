import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RefundRequest } from "../core/refund-plan"
import { bookRefundWorkflow } from "./book-refund"
import { lockPaymentRefunds } from "./steps/describe-payment-refund-lock"
import { prepareRefundPlanWorkflow } from "./prepare-refund-plan"

export interface RefundWithPlanInput {
  payment_id: string
  request: RefundRequest
  note?: string
  refund_reason_id?: string
  created_by?: string
  lock_timeout_seconds: number
}

/**
 * Every refund the plugin starts, whichever the entry point (the stock Refund button, the return
 * route, auto-refund) and whatever provider took the payment: under the payment's refund lock the
 * plan is computed from the order's ledger, then booked (bookRefundWorkflow: ledger entry first,
 * then Medusa's own refund). Holding the lock across both is what stops two refunds in one
 * process from both seeing the same units as outstanding; across processes the ledger's unique
 * claims do. A failed refund is compensated: its plan is retired and its ledger entry removed,
 * unless its outcome is unknown.
 */
export const refundWithPlanWorkflow = createWorkflow(
  "line-refunds-refund-with-plan",
  (input: RefundWithPlanInput) => {
    const release = lockPaymentRefunds(input)

    const decision = prepareRefundPlanWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        payment_id: input.payment_id,
        request: input.request,
      })),
    })
    const booked = bookRefundWorkflow.runAsStep({
      input: transform({ input, decision }, ({ input, decision }) => ({
        payment_id: input.payment_id,
        provider_id: decision.provider_id,
        state: decision.state,
        plan: decision.plan,
        amount: decision.amount,
        source: decision.plan.source,
        ordered_units: decision.ordered_units,
        adopt_entry_id: decision.retry_of,
        note: input.note,
        refund_reason_id: input.refund_reason_id,
        created_by: input.created_by,
      })),
    })

    release()
    return new WorkflowResponse({
      plan: transform({ decision }, ({ decision }) => decision.plan),
      amount: transform({ decision }, ({ decision }) => decision.amount),
      entry_id: transform({ booked }, ({ booked }) => booked.entry_id),
      refund_id: transform({ booked }, ({ booked }) => booked.refund_id),
    })
  },
)
