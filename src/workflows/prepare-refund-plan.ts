import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RefundRequest } from "../core/refund-plan"
import { planRefundStep } from "./steps/plan-refund"

export interface PrepareRefundPlanInput {
  payment_id: string
  request: RefundRequest
}

/**
 * Computes the refund plan for a request from the order, its received returns and its ledger.
 * Callers hold the payment's refund lock from here until the refund is booked.
 */
export const prepareRefundPlanWorkflow = createWorkflow(
  "line-refunds-prepare-refund-plan",
  (input: PrepareRefundPlanInput) => new WorkflowResponse(planRefundStep(input)),
)
