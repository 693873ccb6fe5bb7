import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RefundRequest } from "../core/refund-plan"
import { decideRefundPlanStep } from "./steps/decide-refund-plan"
import { loadRefundContextStep } from "./steps/load-refund-context"
import { writeRefundPlanStep } from "./steps/write-refund-plan"

export interface PrepareRefundPlanInput {
  payment_id: string
  request: RefundRequest
}

/**
 * Computes the refund plan for a request and hands it to the payment provider through
 * `payment.data`. Callers hold the payment's refund lock from here until the refund is done.
 */
export const prepareRefundPlanWorkflow = createWorkflow(
  "line-refunds-prepare-refund-plan",
  (input: PrepareRefundPlanInput) => {
    const context = loadRefundContextStep({ payment_id: input.payment_id })
    const decision = decideRefundPlanStep({ context, request: input.request })
    const write = transform({ input, context, decision }, ({ input, context, decision }) => ({
      payment_id: input.payment_id,
      state: context.state,
      plan: decision.plan,
    }))
    writeRefundPlanStep(write)
    return new WorkflowResponse(decision)
  },
)
