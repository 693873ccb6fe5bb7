import {
  acquireLockStep,
  refundPaymentWorkflow,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RefundRequest } from "../core/refund-plan"
import { describePaymentRefundLockStep } from "./steps/describe-payment-refund-lock"
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
 * route, auto-refund): under the payment's refund lock, the plan is computed and written into
 * `payment.data`, then Medusa's own `refundPaymentWorkflow` refunds, which calls the provider.
 * Holding the lock across both steps is what stops two refunds from both seeing the same units
 * as outstanding. If the refund fails, the plan is retired by compensation.
 */
export const refundWithPlanWorkflow = createWorkflow(
  "line-refunds-refund-with-plan",
  (input: RefundWithPlanInput) => {
    const lock = describePaymentRefundLockStep(input)
    acquireLockStep(lock)

    const decision = prepareRefundPlanWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        payment_id: input.payment_id,
        request: input.request,
      })),
    })
    refundPaymentWorkflow.runAsStep({
      input: transform({ input, decision }, ({ input, decision }) => ({
        payment_id: input.payment_id,
        amount: decision.amount,
        note: input.note,
        refund_reason_id: input.refund_reason_id,
        created_by: input.created_by,
      })),
    })

    releaseLockStep(
      transform({ lock }, ({ lock }) => ({
        key: lock.key,
        ownerId: lock.ownerId,
        executeOnSubWorkflow: true,
      })),
    )
    return new WorkflowResponse({
      plan: transform({ decision }, ({ decision }) => decision.plan),
      amount: transform({ decision }, ({ decision }) => decision.amount),
    })
  },
)
