import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { refundWithPlanWorkflow, selectPaymentForReturn } from "../../../../../../workflows"
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
  const { result } = await refundWithPlanWorkflow(req.scope).run({
    input: {
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
      lock_timeout_seconds: lineRefundsOptions(req.scope).lockTimeoutSeconds,
    },
  })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({
    entity: "payment",
    fields: ["id", "amount", "currency_code", "refunds.*", "captures.*"],
    filters: { id: paymentId },
  })
  res.json({ payment, refund_plan: result.plan })
}
