import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { LedgerSource } from "../core/ledger"
import { LineRefundsState, StoredRefundPlan } from "../core/payment-data"
import { describeRefundReasonStep } from "./steps/describe-refund-reason"
import { recordLedgerEntryStep } from "./steps/record-ledger-entry"
import { refundInMedusaStep } from "./steps/refund-in-medusa"
import { writeRefundPlanStep } from "./steps/write-refund-plan"

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
}

/**
 * Every refund the plugin makes or records, whatever the provider: the plan goes into
 * `payment.data` (how our providers receive the lines), the refund and its units go into the
 * ledger as in doubt (claimed, so nothing else can pay for them), then Medusa's own
 * refundPaymentWorkflow books it and calls the provider, and the ledger entry learns the outcome.
 * Callers hold the payment's refund lock.
 */
export const bookRefundWorkflow = createWorkflow(
  "line-refunds-book-refund",
  (input: BookRefundInput) => {
    const reason = describeRefundReasonStep(
      transform({ input }, ({ input }) => ({ refund_reason_id: input.refund_reason_id ?? null })),
    )
    writeRefundPlanStep(
      transform({ input, reason }, ({ input, reason }) => ({
        payment_id: input.payment_id,
        state: input.state,
        // the provider reads the reason from the plan (Medusa hands it none)
        plan: reason ? { ...input.plan, refund_reason: reason } : input.plan,
      })),
    )
    const entry = recordLedgerEntryStep(
      transform({ input }, ({ input }) => ({
        plan: input.plan,
        amount: input.amount,
        provider_id: input.provider_id,
        source: input.source,
        note: input.note ?? null,
        ordered_units: input.ordered_units,
        adopt_entry_id: input.adopt_entry_id ?? null,
      })),
    )
    const booked = refundInMedusaStep(
      transform({ input, entry }, ({ input, entry }) => ({
        entry_id: entry.entry_id,
        payment_id: input.payment_id,
        plan_id: input.plan.id,
        amount: input.amount,
        currency_code: input.plan.currency_code,
        note: input.note,
        refund_reason_id: input.refund_reason_id,
        created_by: input.created_by,
      })),
    )
    return new WorkflowResponse({
      entry_id: transform({ entry }, ({ entry }) => entry.entry_id),
      refund_id: transform({ booked }, ({ booked }) => booked.refund_id),
    })
  },
)
