import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RefundRequest } from "../core/refund-plan"
import { bookRefundSteps } from "./book-refund"
import { lockPaymentRefunds } from "./steps/lock-payment-refunds"
import { planRefundStep } from "./steps/plan-refund"

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
 * plan is computed from the order's ledger, then booked (book-refund.ts: ledger entry first,
 * then Medusa's own refund). Holding the lock across both is what stops two refunds in one
 * process from both seeing the same units as outstanding; across processes the ledger's unique
 * claims do. A failed refund is compensated: its plan is retired and its ledger entry removed,
 * unless its outcome is unknown.
 *
 * One flat workflow: planning and booking are composed in as steps, not run as nested workflows,
 * and the few steps pass each other the plan, not the order it was computed from.
 */
export const refundWithPlanWorkflow = createWorkflow(
  "line-refunds-refund-with-plan",
  (input: RefundWithPlanInput) => {
    const release = lockPaymentRefunds(input)

    const planned = planRefundStep(
      transform({ input }, ({ input }) => ({
        payment_id: input.payment_id,
        request: input.request,
      })),
    )
    const booked = bookRefundSteps(
      transform({ input, planned }, ({ input, planned }) => ({
        payment_id: input.payment_id,
        provider_id: planned.provider_id,
        state: planned.state,
        plan: planned.plan,
        amount: planned.amount,
        source: planned.plan.source,
        ordered_units: planned.ordered_units,
        adopt_entry_id: planned.retry_of,
        note: input.note,
        refund_reason_id: input.refund_reason_id,
        created_by: input.created_by,
        refund_ids_before: planned.refund_ids_before,
      })),
    )

    release()
    return new WorkflowResponse({
      plan: transform({ planned }, ({ planned }) => planned.plan),
      amount: transform({ planned }, ({ planned }) => planned.amount),
      entry_id: booked.entry_id,
      refund_id: booked.refund_id,
    })
  },
)
