import { MedusaContainer } from "@medusajs/framework/types"
import {
  fulfillAll,
  orderOfCart,
  shopBasics,
  SUITE_IN_DOUBT_WINDOW_SECONDS,
  useGatewaySandbox,
} from "./gateway-suite"
import {
  AdapterInput,
  contractBasics,
  ContractGatewayRefund,
  GatewayContractAdapter,
} from "./gateway-contract"
import { webhooksHandled } from "./refund-outcomes"
import { Storefront } from "./storefront-seed"
import { completeStoreCart, createStoreCart, createStorePaymentSession } from "./storefront-api"
import {
  MultiSafepaySandbox,
  startMultiSafepaySandbox,
} from "../sandboxes/multisafepay/start-sandbox"

/** what the sandbox is told a declined refund says */
const DECLINE_REASON = "insufficient balance"

export { fulfillAll, orderOfCart, waitFor, waitOutInDoubtWindow } from "./gateway-suite"

export const MSP_API_KEY = "sandbox-api-key-for-tests"
export const MSP = {
  any: "pp_multisafepay_multisafepay",
  klarna: "pp_multisafepay_klarna",
  payAfterDelivery: "pp_multisafepay_payafterdelivery",
}

/** The MultiSafepay sandbox for a suite (see `useGatewaySandbox`). */
export function useMultiSafepaySandbox(): { sandbox: () => MultiSafepaySandbox } {
  return useGatewaySandbox({
    name: "MultiSafepay",
    start: () => startMultiSafepaySandbox({ apiKey: MSP_API_KEY, port: 0 }),
    env: (sandbox) => ({
      MULTISAFEPAY_API_KEY: MSP_API_KEY,
      MULTISAFEPAY_API_URL: sandbox.url,
      // short enough for the timeout tests, long enough for a loaded CI machine
      MULTISAFEPAY_TIMEOUT_MS: "3000",
      MULTISAFEPAY_IN_DOUBT_WINDOW_SECONDS: String(SUITE_IN_DOUBT_WINDOW_SECONDS),
    }),
  })
}

/**
 * A storefront and its staff at a MultiSafepay shop: checkout, placing orders, returns refunded
 * with the stock Refund button, and what the sandbox received. `context` gives the current
 * test's admin headers and seeded store.
 */
export function multiSafepayShop(input: {
  api: any
  getContainer: () => MedusaContainer
  sandbox: () => MultiSafepaySandbox
  context: () => { admin: { headers: Record<string, string> }; store: Storefront }
}) {
  const { api, getContainer, sandbox } = input
  const { requests, owed, pressRefund, refundReturn } = shopBasics(input)

  /** 2 shirts (25.00), 3 mugs (12.10) and a book (40.00 − BOOK10), all + VAT, plus shipping. */
  async function checkout(provider: string, data?: Record<string, unknown>) {
    const { store } = input.context()
    const cart = await createStoreCart(api, store, {
      items: [
        { variant_id: store.variants.shirt, quantity: 2 },
        { variant_id: store.variants.mug, quantity: 3 },
        { variant_id: store.variants.book, quantity: 1 },
      ],
      promo_codes: [store.promoCode],
    })
    const { session } = await createStorePaymentSession(api, store, cart.id, provider, data)
    return { cart, session, mspOrderId: (session.data.multisafepay as any).order_id as string }
  }

  /**
   * Checkout paid at the sandbox and placed by the storefront's "complete cart" (the provider
   * reads the order's status from MultiSafepay), then everything shipped. Notifications are
   * off so that only what the test does happens.
   */
  async function placedOrder(provider: string, data?: Record<string, unknown>) {
    sandbox().control.setAutoNotify(false)
    const { cart, mspOrderId } = await checkout(provider, data)
    sandbox().control.pay(mspOrderId, data?.gateway ? { gateway: String(data.gateway) } : {})
    const completed = await completeStoreCart(api, input.context().store, cart.id)
    if (completed.type !== "order")
      throw new Error(`cart not completed: ${JSON.stringify(completed)}`)
    const placed = (await orderOfCart(getContainer(), cart.id))!
    await fulfillAll(getContainer(), placed.orderId)
    return { ...placed, mspOrderId }
  }

  return {
    requests,
    pressRefund,
    refundRequests: () => requests("POST", /\/refunds$/),
    owed,
    checkout,
    placedOrder,
    refundReturn,
    /** the refunds MultiSafepay holds for the order */
    mspRefunds: (mspOrderId: string) =>
      sandbox()
        .control.order(mspOrderId)!
        .related_transactions!.filter((t) => t.type === "refund"),
  }
}

/**
 * MultiSafepay's refund statuses in the plugin's terms
 * (docs/gateways/multisafepay.md#refund-statuses).
 */
function contractStatus(status: string): ContractGatewayRefund["status"] {
  if (status === "completed") return "succeeded"
  if (["declined", "void", "cancelled", "expired"].includes(status)) return "failed"
  return "pending"
}

/** MultiSafepay's adapter of the gateway contract suite: Klarna orders, refunded by cart. */
export function multiSafepayContract(
  input: AdapterInput<MultiSafepaySandbox, ReturnType<typeof multiSafepayShop>>,
): GatewayContractAdapter {
  const { api, getContainer, shop } = input
  const control = () => input.sandbox().control
  return {
    ...contractBasics(input),
    name: "MultiSafepay",
    currency: "eur",
    async capturedOrder() {
      const placed = await shop.placedOrder(MSP.klarna)
      await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, input.admin())
      return { ...placed, gatewayOrder: placed.mspOrderId }
    },
    gatewayRefunds: (order) =>
      shop.mspRefunds(order.gatewayOrder).map((t) => ({
        reference: String(t.transaction_id),
        status: contractStatus(t.status),
      })),
    refundRequests: (order) =>
      shop.requests("POST", new RegExp(`/orders/${order.gatewayOrder}/refunds$`)),
    refundPath: (order) => `/orders/${order.gatewayOrder}/refunds`,
    declineReason: DECLINE_REASON,
    settleRefund(order, reference, outcome) {
      if (outcome === "succeeded") control().completeRefund(order.gatewayOrder, reference)
      else control().failRefund(order.gatewayOrder, reference, DECLINE_REASON)
    },
    async forgeNotification(order) {
      // signed with the wrong key, signed but altered, and signed an hour ago
      const handled = webhooksHandled(getContainer(), 3)
      await control().notify(order.gatewayOrder, { forgeSignature: true })
      await control().notify(order.gatewayOrder, { tamperBody: true })
      await control().notify(order.gatewayOrder, { timestampOffsetSeconds: -3600 })
      await handled
    },
    dashboardRefund(order, amountMinor) {
      control().dashboardRefund(order.gatewayOrder, { amount: amountMinor, status: "completed" })
    },
    // MultiSafepay refuses the same amount on an order within 5 minutes (error 1034)
    allowRepeatRefund: () => void control().advanceClock(301_000),
    readRequest: (order) => ({ method: "GET", path: `/orders/${order.gatewayOrder}` }),
  }
}
