import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { RefundRequest } from "../../core/refund-plan"
import { sendRefundError } from "./refund-error-response"
import { refundThroughPlan } from "./refund-through-plan"

/**
 * What the plugin's own refund routes answer: the refund made through the locked workflow, as
 * `{ payment, refund_plan }` (the payment with its refunds and captures, and the plan sent), or
 * the refund error with its own status (see refund-error-response.ts).
 */
export async function answerWithRefund(
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse,
  input: { payment_id: string; request: RefundRequest; note?: string; refund_reason_id?: string },
): Promise<void> {
  const refunded = await refundThroughPlan(req.scope, {
    ...input,
    created_by: req.auth_context.actor_id,
    fields: ["id", "amount", "currency_code", "refunds.*", "captures.*"],
  }).catch((error) => {
    if (sendRefundError(res, error)) return null
    throw error
  })
  if (refunded) res.json({ payment: refunded.payment, refund_plan: refunded.plan })
}
