import { MedusaRequest, MedusaNextFunction, MedusaResponse } from "@medusajs/framework/http"
import { generateEntityId } from "@medusajs/framework/utils"
import { acquirePaymentRefundLock, prepareRefundPlanWorkflow } from "../../../workflows"
import { lineRefundsOptions } from "../../utils/line-refunds-options"

/**
 * Runs before Medusa's own `POST /admin/payments/:id/refund` handler. It takes the payment's
 * refund lock, writes the plan for the requested amount into `payment.data` (the received return
 * lines when the amount is what they are owed, otherwise an amount-only plan) and lets Medusa's
 * handler refund. The lock is held until the response is finished, so a concurrent refund of the
 * same payment sees this one's ledger.
 */
export async function attachRefundPlan(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction,
) {
  const paymentId = req.params.id
  const options = lineRefundsOptions(req.scope)
  let release: (() => Promise<void>) | undefined
  try {
    release = await acquirePaymentRefundLock(
      req.scope,
      paymentId,
      generateEntityId(undefined, "lrlock"),
      options.lockTimeoutSeconds,
    )
    res.once("close", () => void release?.())
    await prepareRefundPlanWorkflow(req.scope).run({
      input: {
        payment_id: paymentId,
        request: { kind: "amount", amount: (req.validatedBody as { amount?: number })?.amount },
      },
    })
  } catch (error) {
    await release?.()
    return next(error)
  }
  return next()
}
