/**
 * The MultiSafepay sandbox's part in the dev store (see ../kit/demo-actions.ts): the shopper pays
 * through the control API, refunds start `reserved` (the sandbox's default, as MultiSafepay's
 * test environment keeps them), a declined refund is the control API's `fail`, and a dashboard
 * refund is booked at MultiSafepay only, announced by its notification.
 */
import { toMinorUnits } from "../../../src/core/money"
import { MSP_DATA_KEY } from "../../../src/providers/multisafepay/payment-data"
import { sessionIdOf } from "../../../src/providers/multisafepay/order-ids"
import type { SandboxDemoActions } from "../kit/demo-actions"

const order = (id: string) => `orders/${encodeURIComponent(id)}`

export const demoActions: SandboxDemoActions = {
  gatewayOrderOf(sessionData) {
    const data = sessionData[MSP_DATA_KEY] as { order_id?: string } | undefined
    if (!data?.order_id) throw new Error("the payment session has no MultiSafepay order")
    return data.order_id
  },
  async pay(control, gatewayOrder, payment) {
    await control.post(`${order(gatewayOrder)}/pay`, payment)
    // MultiSafepay's return carries only the order id, nothing the server has to verify
    return null
  },
  keepingRefundPending: (_control, refund) => refund(),
  async declineRefund(control, gatewayOrder, refund, reason) {
    if (!refund.gateway_reference) throw new Error("the refund has no MultiSafepay transaction")
    await control.post(
      `${order(gatewayOrder)}/refunds/${encodeURIComponent(refund.gateway_reference)}/fail`,
      { reason },
    )
  },
  async dashboardRefund(control, gatewayOrder, amount, currency) {
    await control.post(`${order(gatewayOrder)}/dashboard-refund`, {
      amount: toMinorUnits(amount, currency),
      status: "completed",
    })
  },
  sessionOfReturn(query) {
    const orderId = query.get("transactionid")
    return orderId ? sessionIdOf(orderId) : null
  },
}
