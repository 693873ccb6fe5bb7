import { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendRefundError } from "../../utils/refund-error-response"
import { refundThroughPlan } from "../../utils/refund-through-plan"

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
    const body = (req.validatedBody ?? {}) as RefundBody
    const { payment } = await refundThroughPlan(req.scope, {
      payment_id: req.params.id,
      request: { kind: "amount", amount: body.amount },
      note: body.note,
      refund_reason_id: body.refund_reason_id,
      created_by: (req as unknown as AuthContext).auth_context?.actor_id,
      fields: req.queryConfig?.fields ?? ["*"],
    })
    res.status(200).json({ payment })
  } catch (error) {
    if (!sendRefundError(res, error)) next(error)
  }
}
