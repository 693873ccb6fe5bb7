import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { selectRefundPayment } from "../../../../../../workflows/select-payment-for-return"
import { sendRefundError } from "../../../../../utils/refund-error-response"
import { refundThroughPlan } from "../../../../../utils/refund-through-plan"
import { AdminRefundChosenLinesBodyType } from "./validators"

/**
 * POST /admin/line-refunds/orders/:id/refund — refunds lines and shipping staff chose, never
 * returned (a damaged or missing item, a goodwill refund of shipping), through the same plan
 * mechanism as a return: the gateway gets those lines in its own format.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminRefundChosenLinesBodyType>,
  res: MedusaResponse,
) {
  const body = req.validatedBody
  const paymentId = await selectRefundPayment(req.scope, req.params.id, body.payment_id)
  const refunded = await refundThroughPlan(req.scope, {
    payment_id: paymentId,
    request: { kind: "lines", lines: body.lines, shipping_method_ids: body.shipping_method_ids },
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
