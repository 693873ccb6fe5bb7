import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { buildRefundPlan, isEmptyPlan } from "../../../../../core/refund-plan"
import { selectRefundPayment } from "../../../../../workflows/select-payment-for-return"
import { loadRefundContext } from "../../../../../workflows/steps/load-refund-context"

/**
 * GET /admin/line-refunds/orders/:id — what the order page shows, from the plugin's ledger:
 * each received return with its units received, refunded, in doubt and still to refund (and for
 * how much), and every refund of the order with the units it paid for and its status.
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
  const inDoubt = context.entries.filter((e) => e.status === "in_doubt")

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
    const doubtful = (lineId: string) =>
      inDoubt
        .flatMap((e) => e.units)
        .filter((u) => u.return_id === ret.id && u.line_item_id === lineId)
        .reduce((sum, u) => sum + u.quantity, 0)
    const lines = ret.items.map((item) => ({
      line_item_id: item.item_id,
      title: titles.get(item.item_id) ?? item.item_id,
      received: Number(item.received_quantity),
      refunded: refunded[item.item_id] ?? 0,
      in_doubt: doubtful(item.item_id),
      to_refund: Math.max(0, (open.lines[item.item_id]?.quantity ?? 0) - doubtful(item.item_id)),
    }))
    const blocked = lines.some((l) => l.in_doubt > 0)
    return {
      id: ret.id,
      display_id: ret.display_id,
      received_at: ret.received_at,
      lines,
      amount_to_refund: isEmptyPlan(open) || blocked ? null : open.amount,
    }
  })
  const refunds = context.entries.map((entry) => ({
    ...entry,
    lines: entry.units.map((unit) => ({
      ...unit,
      title: unit.line_item_id ? (titles.get(unit.line_item_id) ?? unit.title) : unit.title,
    })),
  }))

  res.json({
    order_id: context.order.id,
    currency_code: context.order.currency_code,
    payment_id: paymentId,
    returns,
    refunds,
  })
}
