/**
 * The Worldline sandbox's part in the dev store (see ../kit/demo-actions.ts): the shopper pays
 * through the control API, which answers the return URL (returnUrl?orderId=…&cres=…). Credits
 * are Processed at once unless told to start Registered, a sandbox-wide setting switched for one
 * refund at a time and set back to what the dev store started the sandbox with.
 */
import { serialized, type SandboxDemoActions } from "../kit/demo-actions"

const order = (orderId: string) => `orders/${encodeURIComponent(orderId)}`
const oneAtATime = serialized()
/** how credits start when nobody switched it (main.ts reads the same variable) */
const startedAs = () => process.env.WORLDLINE_SANDBOX_CREDITS_START_AS || "Processed"

export const demoActions: SandboxDemoActions = {
  gatewayOrderOf(sessionData) {
    const data = sessionData.worldline as { order_id?: string } | undefined
    if (!data?.order_id) throw new Error("the payment session has no Worldline order")
    return data.order_id
  },
  async pay(control, gatewayOrder, payment) {
    const { redirectUrl } = await control.post(`${order(gatewayOrder)}/pay`, payment)
    return redirectUrl as string
  },
  keepingRefundPending: (control, refund) =>
    oneAtATime(async () => {
      await control.post("credits-start-as", { state: "Registered" })
      try {
        return await refund()
      } finally {
        await control.post("credits-start-as", { state: startedAs() })
      }
    }),
  async declineRefund(control, gatewayOrder, refund, reason) {
    // the sandbox finds refunds by transaction id(s) ("+"-joined) or by the request id we sent
    const ref = refund.gateway_reference ?? refund.idempotency_key
    await control.post(`${order(gatewayOrder)}/refunds/${encodeURIComponent(ref)}/settle`, {
      state: "Declined",
      description: reason,
    })
  },
  async dashboardRefund(control, gatewayOrder, amount) {
    await control.post(`${order(gatewayOrder)}/dashboard-refund`, { amount })
  },
  // the order id is the payment session id, or it with -2, -3, … for a later order
  sessionOfReturn: (query) => query.get("orderId")?.replace(/-\d+$/, "") ?? null,
}
