import { MedusaContainer } from "@medusajs/framework/types"
import { freePort, fulfillAll, orderOfCart, SUITE_IN_DOUBT_WINDOW_SECONDS } from "./gateway-suite"
import { orderSummary } from "./payment-state"
import { receiveReturn } from "./seed-order"
import { Storefront } from "./storefront-seed"
import { completeStoreCart, createStoreCart, createStorePaymentSession } from "./storefront-api"
import {
  MultiSafepaySandbox,
  startMultiSafepaySandbox,
} from "../sandboxes/multisafepay/start-sandbox"

export { fulfillAll, orderOfCart, waitFor, waitOutInDoubtWindow } from "./gateway-suite"

export const MSP_API_KEY = "sandbox-api-key-for-tests"
export const MSP = {
  any: "pp_multisafepay_multisafepay",
  klarna: "pp_multisafepay_klarna",
  payAfterDelivery: "pp_multisafepay_payafterdelivery",
}

/**
 * Starts the MultiSafepay sandbox before the Medusa app boots and points medusa-config.ts at it
 * (MULTISAFEPAY_API_URL), with Medusa on a known port so the sandbox can deliver notifications
 * to Medusa's real webhook route. Call at the top level of a suite, before the test runner.
 */
export function useMultiSafepaySandbox(): { sandbox: () => MultiSafepaySandbox } {
  let sandbox: MultiSafepaySandbox | undefined
  beforeAll(async () => {
    sandbox = await startMultiSafepaySandbox({ apiKey: MSP_API_KEY, port: 0 })
    process.env.PORT = String(await freePort())
    process.env.MULTISAFEPAY_API_KEY = MSP_API_KEY
    process.env.MULTISAFEPAY_API_URL = sandbox.url
    // short enough for the timeout tests, long enough for a loaded CI machine
    process.env.MULTISAFEPAY_TIMEOUT_MS = "3000"
    process.env.MULTISAFEPAY_IN_DOUBT_WINDOW_SECONDS = String(SUITE_IN_DOUBT_WINDOW_SECONDS)
  })
  afterAll(async () => {
    await sandbox?.close()
  })
  return {
    sandbox: () => {
      if (!sandbox) throw new Error("the MultiSafepay sandbox is not running")
      return sandbox
    },
  }
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
  const requests = (method: string, path: RegExp) =>
    sandbox()
      .control.requests()
      .filter((r) => r.method === method && path.test(r.path))
  const owed = async (orderId: string) =>
    -(await orderSummary(api, input.context().admin, orderId)).pending_difference

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

  /** Receives a return of these units and presses the stock Refund button for what is owed. */
  async function refundReturn(
    placed: { orderId: string; paymentId: string },
    items: Array<{ id: string; quantity: number }>,
  ) {
    const { admin } = input.context()
    await receiveReturn(api, admin, placed.orderId, items)
    const amount = await owed(placed.orderId)
    return api
      .post(`/admin/payments/${placed.paymentId}/refund`, { amount }, admin)
      .then(() => ({ amount, error: null as any }))
      .catch((error: any) => ({ amount, error: error.response }))
  }

  /** The stock admin Refund button with an amount. */
  function pressRefund(paymentId: string, amount: number) {
    return api
      .post(`/admin/payments/${paymentId}/refund`, { amount }, input.context().admin)
      .then(() => ({ error: null as any }))
      .catch((error: any) => ({ error: error.response }))
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
