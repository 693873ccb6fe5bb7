import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LedgerSource, ledgerEntryFromPlan } from "../../core/ledger"
import { StoredRefundPlan } from "../../core/payment-data"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../modules/line-refunds"

export interface RecordLedgerEntryInput {
  plan: StoredRefundPlan
  /** what Medusa books */
  amount: string
  provider_id: string
  source: LedgerSource
  note?: string | null
  /** order line id → units the line has: no claim can go beyond it */
  ordered_units: Record<string, number>
  /** an entry in doubt this refund carries on (a retry, or a report that it was made) */
  adopt_entry_id?: string | null
}

/**
 * Writes the refund into the ledger before anything is sent: status in_doubt, its units claimed,
 * so no other refund can pay for them (the database refuses a second claim, in any process). A
 * retry of a refund in doubt carries on with that entry instead.
 *
 * Compensation: an entry this run wrote is removed when its refund failed for sure (nothing was
 * booked, nothing may have been made); one whose outcome is unknown, or that was booked after all,
 * stays. An adopted entry is never removed here.
 */
export const recordLedgerEntryStep = createStep(
  "line-refunds-record-ledger-entry",
  async (input: RecordLedgerEntryInput, { container }) => {
    if (input.adopt_entry_id) {
      return new StepResponse({ entry_id: input.adopt_entry_id }, null)
    }
    const ledger = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
    const entry = await ledger.recordRefund(
      ledgerEntryFromPlan({
        plan: input.plan,
        amount: input.amount,
        provider_id: input.provider_id,
        source: input.source,
        note: input.note,
      }),
      (lineItemId) => input.ordered_units[lineItemId] ?? 0,
    )
    return new StepResponse({ entry_id: entry.id }, entry.id)
  },
  async (createdId, { container }) => {
    if (!createdId) return
    const ledger = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
    const [entry] = await ledger.ledgerOf({ id: createdId })
    if (entry && entry.status === "in_doubt" && !entry.doubt_reason && !entry.refund_id) {
      await ledger.removeEntry(createdId)
    }
  },
)
