import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { bookRefundWorkflow, BookRefundInput } from "./book-refund"

/**
 * Books in Medusa a refund the gateway already made: its plan carries `refunded_at_gateway`, so
 * the provider records it without calling the gateway; Medusa's refundPaymentWorkflow books it
 * (order transaction, credit line if nothing was owed, payment collection), and the ledger has it:
 * a new entry for a dashboard refund, or the entry in doubt the refund belongs to.
 *
 * If Medusa refuses (more than is left to refund), the plan is retired and a new entry removed by
 * compensation; nothing else changes. Callers hold the payment's refund lock.
 */
export const recordGatewayRefundWorkflow = createWorkflow(
  "line-refunds-record-gateway-refund",
  (input: BookRefundInput) => {
    const booked = bookRefundWorkflow.runAsStep({ input })
    return new WorkflowResponse(booked)
  },
)
