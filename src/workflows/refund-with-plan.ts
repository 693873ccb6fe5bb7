import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RefundRequest } from "../core/refund-plan"
import { lockPaymentRefunds } from "./steps/lock-payment-refunds"
import { planAndClaimRefundStep } from "./steps/plan-and-claim-refund"
import { refundInMedusaStep } from "./steps/refund-in-medusa"

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
 * plan is computed from the order's ledger and claimed in it (plan-and-claim-refund.ts: ledger
 * entry first), then Medusa's own refund books it (refund-in-medusa.ts). Holding the lock across
 * both is what stops two refunds in one process from both seeing the same units as outstanding;
 * across processes the ledger's unique claims do. A failed refund is compensated: its plan is
 * retired and its ledger entry removed, unless its outcome is unknown.
 *
 * One flat workflow of few steps: no nested workflow runs, and the steps pass each other the
 * plan, not the order it was computed from (the engine copies what steps pass).
 */
export const refundWithPlanWorkflow = createWorkflow(
  "line-refunds-refund-with-plan",
  (input: RefundWithPlanInput) => {
    const release = lockPaymentRefunds(input)

    const claimed = planAndClaimRefundStep(
      transform({ input }, ({ input }) => ({
        payment_id: input.payment_id,
        request: input.request,
        note: input.note ?? null,
        refund_reason_id: input.refund_reason_id ?? null,
      })),
    )
    const booked = refundInMedusaStep(
      transform({ input, claimed }, ({ input, claimed }) => ({
        entry_id: claimed.entry_id,
        payment_id: input.payment_id,
        plan_id: claimed.plan.id,
        amount: claimed.amount,
        currency_code: claimed.plan.currency_code,
        note: input.note,
        refund_reason_id: input.refund_reason_id,
        created_by: input.created_by,
        refund_ids_before: claimed.refund_ids_before,
      })),
    )

    release()
    return new WorkflowResponse({
      plan: transform({ claimed }, ({ claimed }) => claimed.plan),
      amount: transform({ claimed }, ({ claimed }) => claimed.amount),
      entry_id: transform({ claimed }, ({ claimed }) => claimed.entry_id),
      refund_id: transform({ booked }, ({ booked }) => booked.refund_id),
    })
  },
)
