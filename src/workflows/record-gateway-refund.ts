import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LineRefundsState, StoredRefundPlan } from "../core/payment-data"
import { writeRefundPlanStep } from "./steps/write-refund-plan"

export interface RecordGatewayRefundInput {
  payment_id: string
  /** the payment's plugin state now (the write retires other open plans) */
  state: LineRefundsState
  /** a plan carrying `refunded_at_gateway`: the provider records it, the gateway is not called */
  plan: StoredRefundPlan
  /** what Medusa books */
  amount: string
  note: string
}

/**
 * Records in Medusa a refund the gateway already made: the plan goes into `payment.data`, then
 * Medusa's own refundPaymentWorkflow books the refund (order transaction, credit line if nothing
 * was owed, payment collection) and calls the provider, which finds the plan's
 * `refunded_at_gateway` marker and records the refund without calling the gateway.
 *
 * If Medusa refuses (more than is left to refund), the plan is retired by the write step's
 * compensation and nothing else changes. Callers hold the payment's refund lock.
 */
export const recordGatewayRefundWorkflow = createWorkflow(
  "line-refunds-record-gateway-refund",
  (input: RecordGatewayRefundInput) => {
    writeRefundPlanStep(
      transform({ input }, ({ input }) => ({
        payment_id: input.payment_id,
        state: input.state,
        plan: input.plan,
      })),
    )
    const payment = refundPaymentWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({
        payment_id: input.payment_id,
        amount: input.amount,
        note: input.note,
      })),
    })
    return new WorkflowResponse(payment)
  },
)
