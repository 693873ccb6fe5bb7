import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { lockPaymentRefunds } from "./steps/lock-payment-refunds"
import { recordExternalRefundsStep } from "./steps/record-external-refunds"

export interface RecordExternalRefundsInput {
  payment_id: string
  lock_timeout_seconds: number
}

/** Under the payment's refund lock, books into the ledger Medusa's refunds it has no entry of. */
export const recordExternalRefundsWorkflow = createWorkflow(
  "line-refunds-record-external-refunds",
  (input: RecordExternalRefundsInput) => {
    const release = lockPaymentRefunds(input)
    const recorded = recordExternalRefundsStep(
      transform({ input }, ({ input }) => ({ payment_id: input.payment_id })),
    )
    release()
    return new WorkflowResponse(recorded)
  },
)
