import { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { readLineRefundsState } from "../../../core/payment-data"
import {
  failedRefundPatch,
  SettleRefundAction,
  succeededRefundPatch,
} from "../../../core/refund-outcomes"

/**
 * Writes a refund's outcome into its record. For a failure this runs last, once Medusa's refund
 * is undone: the record's "failed" is what marks the undo complete, and in the same write its
 * units leave the ledger. A record no longer pending is left alone, so a replay changes nothing.
 */
export async function markRefundSettled(
  container: MedusaContainer,
  input: { payment_id: string; action: SettleRefundAction },
): Promise<boolean> {
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = await payments.retrievePayment(input.payment_id, { select: ["id", "data"] })
  const state = readLineRefundsState(payment.data)
  if (state.refunds[input.action.refund_id]?.status !== "pending") return false
  const now = new Date()
  const data =
    input.action.status === "succeeded"
      ? succeededRefundPatch(input.action, now)
      : failedRefundPatch(state, input.action, now)
  // `data` is deep-merged by the payment module; UpdatePaymentDTO does not declare it.
  await payments.updatePayment({ id: input.payment_id, data } as never)
  return true
}

export const markRefundSettledStep = createStep(
  "line-refunds-mark-refund-settled",
  async (input: { payment_id: string; action: SettleRefundAction }, { container }) =>
    new StepResponse({ changed: await markRefundSettled(container, input) }),
)
