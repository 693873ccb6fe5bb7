import {
  acquireLockStep,
  refundPaymentWorkflow,
  releaseLockStep,
} from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { describePaymentRefundLockStep } from "./steps/describe-payment-refund-lock"
import { prepareRefundPlanWorkflow } from "./prepare-refund-plan"

export interface RefundReturnInput {
  payment_id: string
  return_id: string
  include_shipping?: boolean
  source: "return_refund" | "auto_refund"
  note?: string
  refund_reason_id?: string
  created_by?: string
  lock_timeout_seconds: number
}

/**
 * Refunds the received, not yet refunded units of one return (and optionally the shipping left)
 * on one payment: plan and refund run under the payment's refund lock, so two refunds of the
 * same return can never both see the units as outstanding.
 */
export const refundReturnWorkflow = createWorkflow(
  "line-refunds-refund-return",
  (input: RefundReturnInput) => {
    const lock = describePaymentRefundLockStep(input)
    acquireLockStep(lock)

    const decision = prepareRefundPlanWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        payment_id: input.payment_id,
        request: {
          kind: "return" as const,
          return_id: input.return_id,
          include_shipping: input.include_shipping,
          source: input.source,
        },
      })),
    })
    const payment = refundPaymentWorkflow.runAsStep({
      input: transform({ input, decision }, ({ input, decision }) => ({
        payment_id: input.payment_id,
        amount: decision.amount,
        note: input.note,
        refund_reason_id: input.refund_reason_id,
        created_by: input.created_by,
      })),
    })

    releaseLockStep(transform({ lock }, ({ lock }) => ({ key: lock.key, ownerId: lock.ownerId })))
    return new WorkflowResponse({
      payment,
      plan: transform({ decision }, ({ decision }) => decision.plan),
    })
  },
)
