/**
 * The Optty sandbox's part in the dev store (see ../kit/demo-actions.ts): the shopper pays
 * through the control API, which answers the URL Optty sends the shopper back to (the dev store
 * posts its query to the storefront return route). The sandbox settles refunds at once unless
 * told they start PENDING, a sandbox-wide setting: it is switched for one refund at a time and
 * set back to what the dev store started the sandbox with.
 */
import { OPTTY_DATA_KEY } from "../../../src/providers/optty/payment-data"
import { serialized, type SandboxDemoActions } from "../kit/demo-actions"

const order = (reference: string) => `orders/${encodeURIComponent(reference)}`
const oneAtATime = serialized()
/** how refunds start when nobody switched it (main.ts reads the same variable) */
const startedAs = () => process.env.OPTTY_SANDBOX_REFUNDS_START_AS || "SUCCESSFUL"

export const demoActions: SandboxDemoActions = {
  gatewayOrderOf(sessionData) {
    const data = sessionData[OPTTY_DATA_KEY] as { order_reference?: string } | undefined
    if (!data?.order_reference) throw new Error("the payment session has no Optty order")
    return data.order_reference
  },
  async pay(control, gatewayOrder, payment) {
    const { redirectUrl } = await control.post(`${order(gatewayOrder)}/pay`, payment)
    return redirectUrl as string
  },
  keepingRefundPending: (control, refund) =>
    oneAtATime(async () => {
      await control.post("refunds-start-as", { status: "PENDING" })
      try {
        return await refund()
      } finally {
        await control.post("refunds-start-as", { status: startedAs() })
      }
    }),
  async declineRefund(control, gatewayOrder, refund, reason) {
    // the sandbox finds a refund by Optty's refundId or by the refundReference we sent
    const id = refund.gateway_reference ?? refund.idempotency_key
    await control.post(`${order(gatewayOrder)}/refunds/${encodeURIComponent(id)}/settle`, {
      status: "FAILED",
      reason,
    })
  },
  async dashboardRefund(control, gatewayOrder, amount) {
    await control.post(`${order(gatewayOrder)}/dashboard-refund`, { amount, status: "SUCCESSFUL" })
  },
  // Optty's orderReference is the Medusa payment session id
  sessionOfReturn: (query) => query.get("reference"),
}
