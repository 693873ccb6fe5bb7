/**
 * The Smartpay sandbox's part in the dev store (see ../kit/demo-actions.ts). The Smartpay order
 * is found from the payment session's data (the provider keeps `smartpay.order_id`,
 * src/providers/smartpay/payment-data.ts), else through the Medusa payment session id, which the
 * provider puts into the checkout session's `reference`
 * (docs/gateways/smartpay.md#checkout-session-request): the sandbox's control routes take that
 * reference wherever they take an order id. Refunds succeed at once unless told they start
 * pending, a sandbox-wide setting switched for one refund at a time and set back afterwards.
 */
import { serialized, type SandboxDemoActions } from "../kit/demo-actions"
import { yenFromText } from "./money/yen"

const order = (ref: string) => `orders/${encodeURIComponent(ref)}`
const oneAtATime = serialized()
/** how refunds start when nobody switched it (main.ts reads the same variable) */
const startedAs = () => process.env.SMARTPAY_SANDBOX_REFUNDS_START_AS || "succeeded"

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined)

export const demoActions: SandboxDemoActions = {
  gatewayOrderOf(sessionData) {
    // whichever the provider stores: the order, the checkout session, or the session id itself
    const data = (sessionData.smartpay ?? {}) as Record<string, unknown>
    const metadata = (sessionData.metadata ?? {}) as Record<string, unknown>
    const ref =
      text(data.order_id) ??
      text(data.checkout_session_id) ??
      text(data.session_id) ??
      text(sessionData.session_id) ??
      text(metadata.medusa_session_id)
    if (!ref) throw new Error("the payment session has no Smartpay order or session id")
    return ref
  },
  async pay(control, gatewayOrder, payment) {
    const { redirectUrl } = await control.post(`${order(gatewayOrder)}/pay`, payment)
    return redirectUrl as string
  },
  keepingRefundPending: (control, refund) =>
    oneAtATime(async () => {
      await control.post("refunds-start-as", { status: "pending" })
      try {
        return await refund()
      } finally {
        await control.post("refunds-start-as", { status: startedAs() })
      }
    }),
  async declineRefund(control, _gatewayOrder, refund) {
    // Smartpay has no decline reason: a refund just ends "failed"
    const ref = refund.gateway_reference ?? refund.idempotency_key
    await control.post(`refunds/${encodeURIComponent(ref)}/settle`, { status: "failed" })
  },
  async dashboardRefund(control, gatewayOrder, amount, currency) {
    const yen = yenFromText(amount)
    if (yen === null || currency.toUpperCase() !== "JPY") {
      throw new Error(`Smartpay refunds whole yen only, not ${amount} ${currency}`)
    }
    await control.post(`${order(gatewayOrder)}/dashboard-refund`, { amount: yen })
  },
  // ours: the provider's successUrl/cancelUrl carry ?session_id=<Medusa payment session id>
  sessionOfReturn: (query) => query.get("session_id"),
}
