import { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { refundWithPlanWorkflow } from "../../../workflows"
import { lineRefundsOptions } from "../../utils/line-refunds-options"

type RefundBody = { amount?: number; refund_reason_id?: string; note?: string }
type AuthContext = { auth_context?: { actor_id?: string } }

/**
 * Takes over Medusa's `POST /admin/payments/:id/refund` (the stock Refund button) after Medusa has
 * authenticated the user and validated the body. It refunds through the plugin's locked workflow,
 * which attaches the plan for the requested amount (the received return lines when the amount is
 * what they are owed, otherwise amount-only) and then runs Medusa's own refund workflow, and it
 * answers exactly as Medusa's handler does (`{ payment }`). Running the refund inside the
 * workflow, rather than handing on to Medusa's handler, keeps the lock held until the refund is
 * done even when the client disconnects.
 */
export async function refundWithPlan(
  req: MedusaRequest,
  res: MedusaResponse,
  next: MedusaNextFunction,
) {
  try {
    const paymentId = req.params.id
    const body = (req.validatedBody ?? {}) as RefundBody
    await refundWithPlanWorkflow(req.scope).run({
      input: {
        payment_id: paymentId,
        request: { kind: "amount", amount: body.amount },
        note: body.note,
        refund_reason_id: body.refund_reason_id,
        created_by: (req as unknown as AuthContext).auth_context?.actor_id,
        lock_timeout_seconds: lineRefundsOptions(req.scope).lockTimeoutSeconds,
      },
    })
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [payment],
    } = await query.graph({
      entity: "payment",
      fields: req.queryConfig?.fields ?? ["*"],
      filters: { id: paymentId },
    })
    res.status(200).json({ payment })
  } catch (error) {
    next(error)
  }
}
