import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { LineRefundsState, readLineRefundsState } from "../../src/core/payment-data"

/** The payment as stored: its Medusa refunds and the plugin's state in its data. */
export async function paymentState(
  container: MedusaContainer,
  paymentId: string,
): Promise<{ refunds: Array<{ id: string; amount: number }>; state: LineRefundsState }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({
    entity: "payment",
    fields: ["data", "refunds.*"],
    filters: { id: paymentId },
  })
  return {
    refunds: ((payment as any).refunds ?? []).map((r: any) => ({
      id: r.id,
      amount: Number(r.amount),
    })),
    state: readLineRefundsState((payment as any).data),
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
