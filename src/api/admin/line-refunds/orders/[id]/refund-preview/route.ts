import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { orderedPlanParts, planForRequest } from "../../../../../../core/refund-plan"
import { selectRefundPayment } from "../../../../../../workflows/select-payment-for-return"
import { loadRefundContext } from "../../../../../../workflows/steps/load-refund-context"
import { AdminChosenLinesBodyType } from "../refund/validators"

/**
 * POST /admin/line-refunds/orders/:id/refund-preview — what refunding the chosen lines and
 * shipping would refund, computed by the same rule as the refund itself and nothing written, so
 * the button and the confirmation state the amount that will be refunded, to the minor unit.
 */
export async function POST(
  req: AuthenticatedMedusaRequest<AdminChosenLinesBodyType>,
  res: MedusaResponse,
) {
  const body = req.validatedBody
  const paymentId = await selectRefundPayment(req.scope, req.params.id, body.payment_id)
  const context = await loadRefundContext(req.scope, paymentId)
  const { plan } = planForRequest(
    context,
    { kind: "lines", lines: body.lines, shipping_method_ids: body.shipping_method_ids },
    { duplicateRefundWindowSeconds: 0, now: new Date(), newPlanId: () => "preview" },
  )
  const { lines, shipping } = orderedPlanParts(plan)
  res.json({
    payment_id: paymentId,
    currency_code: plan.currency_code,
    amount: plan.amount,
    lines: [
      ...lines.map((l) => ({ title: l.title, quantity: l.quantity, amount: l.total })),
      ...shipping.map((s) => ({ title: `Shipping (${s.name})`, quantity: 1, amount: s.total })),
    ],
  })
}
