import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { selectRefundPayment } from "../../../../../../workflows/select-payment-for-return"
import { answerWithRefund } from "../../../../../utils/answer-with-refund"
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
  await answerWithRefund(req, res, {
    payment_id: await selectRefundPayment(req.scope, req.params.id, body.payment_id),
    request: { kind: "lines", lines: body.lines, shipping_method_ids: body.shipping_method_ids },
    note: body.note,
    refund_reason_id: body.refund_reason_id,
  })
}
