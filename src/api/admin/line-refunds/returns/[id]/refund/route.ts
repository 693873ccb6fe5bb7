import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { selectPaymentForReturn } from "../../../../../../workflows"
import { answerWithRefund } from "../../../../../utils/answer-with-refund"
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
  await answerWithRefund(req, res, {
    payment_id: await selectPaymentForReturn(req.scope, req.params.id, body.payment_id),
    request: {
      kind: "return",
      return_id: req.params.id,
      include_shipping: body.include_shipping,
      source: "return_refund",
    },
    note: body.note,
    refund_reason_id: body.refund_reason_id,
  })
}
