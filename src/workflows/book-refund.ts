import {
  createWorkflow,
  transform,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { LedgerSource } from "../core/ledger"
import { LineRefundsState, StoredRefundPlan } from "../core/payment-data"
import { claimRefundStep } from "./steps/claim-refund"
import { refundInMedusaStep } from "./steps/refund-in-medusa"

export interface BookRefundInput {
  payment_id: string
  provider_id: string
  /** the payment's plugin state now (the write retires other open plans) */
  state: LineRefundsState
  plan: StoredRefundPlan
  /** what Medusa books */
  amount: string
  source: LedgerSource
  ordered_units: Record<string, number>
  /** a ledger entry in doubt this refund carries on, instead of writing a new one */
  adopt_entry_id?: string | null
  note?: string | null
  refund_reason_id?: string
  created_by?: string
  /** Medusa's refunds of the payment before this one, if the caller read them under the lock */
  refund_ids_before?: string[] | null
}

/**
 * The steps of booking a refund whose plan is already made, composed into the calling workflow
 * (a nested run is a whole second workflow run per refund). refundWithPlanWorkflow plans and
 * claims in one step instead (steps/plan-and-claim-refund.ts), then books with the same
 * refund-in-medusa step. Callers hold the payment's refund lock.
 */
export function bookRefundSteps(input: WorkflowData<BookRefundInput> | BookRefundInput) {
  const claimed = claimRefundStep(
    transform({ input }, ({ input }) => ({
      payment_id: input.payment_id,
      provider_id: input.provider_id,
      state: input.state,
      plan: input.plan,
      amount: input.amount,
      source: input.source,
      note: input.note ?? null,
      ordered_units: input.ordered_units,
      adopt_entry_id: input.adopt_entry_id ?? null,
      refund_reason_id: input.refund_reason_id ?? null,
    })),
  )
  const booked = refundInMedusaStep(
    transform({ input, claimed }, ({ input, claimed }) => ({
      entry_id: claimed.entry_id,
      payment_id: input.payment_id,
      plan_id: input.plan.id,
      amount: input.amount,
      currency_code: input.plan.currency_code,
      note: input.note,
      refund_reason_id: input.refund_reason_id,
      created_by: input.created_by,
      refund_ids_before: input.refund_ids_before ?? null,
    })),
  )
  return {
    entry_id: transform({ claimed }, ({ claimed }) => claimed.entry_id),
    refund_id: transform({ booked }, ({ booked }) => booked.refund_id),
  }
}

/**
 * Every refund the plugin makes or records, whatever the provider: the plan goes into
 * `payment.data` (how our providers receive the lines) while the refund and its units go into
 * the ledger as in doubt (claimed, so nothing else can pay for them), then Medusa's own
 * refundPaymentWorkflow books it and calls the provider, and the ledger entry learns the outcome.
 * Callers hold the payment's refund lock.
 */
export const bookRefundWorkflow = createWorkflow(
  "line-refunds-book-refund",
  (input: BookRefundInput) => new WorkflowResponse(bookRefundSteps(input)),
)
