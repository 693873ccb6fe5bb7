import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refundReturnWorkflow } from "../../../../../../workflows"
import { selectPaymentForReturn } from "../../../../../../workflows/select-payment-for-return"
import { lineRefundsOptions } from "../../../../../utils/line-refunds-options"
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
  const { result } = await refundReturnWorkflow(req.scope).run({
    input: {
      payment_id: paymentId,
      return_id: req.params.id,
      include_shipping: body.include_shipping,
      note: body.note,
      refund_reason_id: body.refund_reason_id,
      created_by: req.auth_context.actor_id,
      source: "return_refund",
      lock_timeout_seconds: lineRefundsOptions(req.scope).lockTimeoutSeconds,
    },
  })
  res.json({ payment: result.payment, refund_plan: result.plan })
}
