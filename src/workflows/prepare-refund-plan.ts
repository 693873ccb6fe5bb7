import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { RefundRequest } from "../core/refund-plan"
import { decideRefundPlanStep } from "./steps/decide-refund-plan"
import { loadRefundContextStep } from "./steps/load-refund-context"

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
  (input: PrepareRefundPlanInput) => {
    const context = loadRefundContextStep({ payment_id: input.payment_id })
    const decision = decideRefundPlanStep({ context, request: input.request })
    return new WorkflowResponse(
      transform({ context, decision }, ({ context, decision }) => ({
        ...decision,
        provider_id: context.payment.provider_id,
        state: context.state,
        ordered_units: Object.fromEntries(
          context.order.items.map((item) => [item.id, Number(item.quantity)]),
        ),
      })),
    )
  },
)
