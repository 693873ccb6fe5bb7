import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { selectPaymentForReturn } from "../../../../../../workflows"
import { sendRefundError } from "../../../../../utils/refund-error-response"
import { refundThroughPlan } from "../../../../../utils/refund-through-plan"
import { AdminRefundReturnBodyType } from "./validators"

/**
 * POST /admin/line-refunds/returns/:id/refund — refunds one received return: exactly its
 * received, not yet refunded units (and the shipping left, when asked), in the gateway's line
 * format. Answers with the refunded payment and the plan that was sent.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminRefundReturnBodyType>,
  res: MedusaResponse,
) {
  const body = req.validatedBody
  const paymentId = await selectPaymentForReturn(req.scope, req.params.id, body.payment_id)
  const refunded = await refundThroughPlan(req.scope, {
    payment_id: paymentId,
    request: {
      kind: "return",
      return_id: req.params.id,
      include_shipping: body.include_shipping,
      source: "return_refund",
    },
    note: body.note,
    refund_reason_id: body.refund_reason_id,
    created_by: req.auth_context.actor_id,
    fields: ["id", "amount", "currency_code", "refunds.*", "captures.*"],
  }).catch((error) => {
    if (sendRefundError(res, error)) return null
    throw error
  })
  if (refunded) res.json({ payment: refunded.payment, refund_plan: refunded.plan })
}
