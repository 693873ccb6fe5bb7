import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { buildRefundPlan, isEmptyPlan } from "../../../../../core/refund-plan"
import { selectRefundPayment } from "../../../../../workflows/select-payment-for-return"
import { loadRefundContext } from "../../../../../workflows/steps/load-refund-context"

/**
 * GET /admin/line-refunds/orders/:id — what the order page shows: each received return with its
 * units received, refunded and still to refund (and for how much), and the refunds made so far
 * with their lines and gateway status.
 */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  let paymentId: string
  try {
    paymentId = await selectRefundPayment(req.scope, req.params.id)
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
  const titles = new Map(context.order.items.map((item) => [item.id, item.title]))

  const byReceipt = [...context.returns].sort(
    (a, b) =>
      new Date(a.received_at ?? 0).getTime() - new Date(b.received_at ?? 0).getTime() ||
      a.id.localeCompare(b.id),
  )
  const returns = byReceipt.map((ret) => {
    const open = buildRefundPlan({
      order: context.order,
      returns: context.returns,
      ledger: context.ledger,
      return_id: ret.id,
    })
    const refunded = context.ledger.return_units[ret.id] ?? {}
    return {
      id: ret.id,
      display_id: ret.display_id,
      received_at: ret.received_at,
      lines: ret.items.map((item) => ({
        line_item_id: item.item_id,
        title: titles.get(item.item_id) ?? item.item_id,
        received: Number(item.received_quantity),
        refunded: refunded[item.item_id] ?? 0,
        to_refund: open.lines[item.item_id]?.quantity ?? 0,
      })),
      amount_to_refund: isEmptyPlan(open) ? null : open.amount,
    }
  })
  const refunds = Object.values(context.state.refunds)
    .sort((a, b) => a.created_at.localeCompare(b.created_at))
    .map((record) => ({ ...record, payment_id: paymentId }))

  res.json({
    order_id: context.order.id,
    currency_code: context.order.currency_code,
    payment_id: paymentId,
    returns,
    refunds,
  })
}
