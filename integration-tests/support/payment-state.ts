import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LedgerRefund, orderLedger } from "../../src/core/ledger"
import { LineRefundsState, readLineRefundsState } from "../../src/core/payment-data"
import { RefundLedger } from "../../src/core/refund-plan"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../src/modules/line-refunds"

/**
 * The payment as stored: its Medusa refunds, the plugin's state in its data (plans, gateway
 * outcomes), and the ledger in the plugin's tables: the payment's entries, and what they paid
 * back (units per line, per return, shipping).
 */
export async function paymentState(
  container: MedusaContainer,
  paymentId: string,
): Promise<{
  refunds: Array<{ id: string; amount: number }>
  state: LineRefundsState
  entries: LedgerRefund[]
  ledger: RefundLedger
}> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({
    entity: "payment",
    fields: ["data", "refunds.*"],
    filters: { id: paymentId },
  })
  const entries = await container
    .resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
    .ledgerOf({ payment_id: paymentId })
  return {
    refunds: ((payment as any).refunds ?? []).map((r: any) => ({
      id: r.id,
      amount: Number(r.amount),
    })),
    state: readLineRefundsState((payment as any).data),
    entries,
    ledger: orderLedger(entries),
  }
}

/** The order summary as the admin sees it. */
export async function orderSummary(
  api: any,
  admin: { headers: Record<string, string> },
  orderId: string,
) {
  const { data } = await api.get(`/admin/orders/${orderId}?fields=id,total,summary.*`, admin)
  return data.order.summary as {
    pending_difference: number
    refunded_total: number
    credit_line_total: number
  }
}
