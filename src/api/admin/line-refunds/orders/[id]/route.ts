import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { selectRefundPayment } from "../../../../../workflows/select-payment-for-return"
import { loadRefundContext } from "../../../../../workflows/steps/load-refund-context"
import { orderRefundSummary } from "./order-refund-summary"

/**
 * GET /admin/line-refunds/orders/:id — what the order page's widget shows, from the plugin's
 * ledger (see order-refund-summary.ts), for the payment with the most left to refund, or a
 * captured one when all are refunded in full. An order with no captured payment shows nothing.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  let paymentId: string
  try {
    paymentId = await selectRefundPayment(req.scope, req.params.id, undefined, {
      orAnyCaptured: true,
    })
  } catch (error) {
    if (
      MedusaError.isMedusaError(error) &&
      (error as MedusaError).type === MedusaError.Types.NOT_ALLOWED
    ) {
      return res.json({ order_id: req.params.id, payment_id: null, returns: [], refunds: [] })
    }
    throw error
  }
  const context = await loadRefundContext(req.scope, paymentId)
  res.json(orderRefundSummary(context, new Date()))
}
