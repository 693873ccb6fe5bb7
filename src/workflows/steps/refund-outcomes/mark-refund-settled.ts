import { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { SettleRefundAction } from "../../../core/refund-outcomes"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../../modules/line-refunds"

/**
 * Writes a refund's outcome into its ledger entry. For a failure this runs last, once Medusa's
 * refund is undone: the entry's "failed" is what marks the undo complete, and it releases the
 * units so they can be refunded again. An entry no longer pending is left alone, so a replay
 * changes nothing.
 */
export async function markRefundSettled(
  container: MedusaContainer,
  action: SettleRefundAction,
): Promise<boolean> {
  const ledger = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
  const [entry] = await ledger.ledgerOf({ id: action.entry_id })
  if (entry?.status !== "pending") return false
  await ledger.updateEntry(action.entry_id, {
    status: action.status,
    gateway_reference: action.gateway_reference,
    gateway: { ...(entry.gateway ?? {}), reported_status: action.gateway_status ?? action.status },
    ...(action.status === "failed" ? { failure_reason: action.failure_reason } : {}),
  })
  return true
}

export const markRefundSettledStep = createStep(
  "line-refunds-mark-refund-settled",
  async (input: { action: SettleRefundAction }, { container }) =>
    new StepResponse({ changed: await markRefundSettled(container, input.action) }),
)
