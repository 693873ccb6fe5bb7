import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { OpttySandbox, startOpttySandbox } from "../sandboxes/optty/start-sandbox"
import { freePort, fulfillAll, orderOfCart, SUITE_IN_DOUBT_WINDOW_SECONDS } from "./gateway-suite"
import { orderSummary } from "./payment-state"
import { receiveReturn } from "./seed-order"
import { Storefront } from "./storefront-seed"
import {
  completeStoreCart,
  createStoreCart,
  createStorePaymentSession,
  storeHeaders,
} from "./storefront-api"

export const OPTTY = "pp_optty_optty"
export const OPTTY_CREDENTIALS = {
  clientId: "optty-client-for-tests",
  clientSecret: "optty-client-secret-for-tests",
  merchantId: "merchant-for-tests",
  paymentSecret: "optty-payment-secret-for-tests",
}

/**
 * Starts the Optty sandbox before the Medusa app boots and points medusa-config.ts at it, with
 * Medusa on a known port so the sandbox can deliver webhooks to Medusa's real webhook route.
 * Call at the top level of a suite, before the test runner.
 */
export function useOpttySandbox(): { sandbox: () => OpttySandbox } {
  let sandbox: OpttySandbox | undefined
  beforeAll(async () => {
    sandbox = await startOpttySandbox({
      ...OPTTY_CREDENTIALS,
      port: 0,
      webhookRetryDelaysMs: [200, 500],
    })
    process.env.PORT = String(await freePort())
    Object.assign(process.env, {
      OPTTY_CLIENT_ID: OPTTY_CREDENTIALS.clientId,
      OPTTY_CLIENT_SECRET: OPTTY_CREDENTIALS.clientSecret,
      OPTTY_MERCHANT_ID: OPTTY_CREDENTIALS.merchantId,
      OPTTY_PAYMENT_SECRET: OPTTY_CREDENTIALS.paymentSecret,
      OPTTY_AUTH_URL: sandbox.authUrl,
      OPTTY_API_URL: sandbox.apiUrl,
      OPTTY_ALLOWED_BNPL_PROVIDERS: "KLARNA_AU,ZIP_AU",
      // short enough for the timeout tests, long enough for a loaded CI machine
      OPTTY_TIMEOUT_MS: "3000",
      OPTTY_IN_DOUBT_WINDOW_SECONDS: String(SUITE_IN_DOUBT_WINDOW_SECONDS),
    })
  })
  afterAll(async () => {
    await sandbox?.close()
  })
  return {
    sandbox: () => {
      if (!sandbox) throw new Error("the Optty sandbox is not running")
      return sandbox
    },
  }
}

/**
 * A storefront and its staff at an Australian shop paying with Optty: checkout, the shopper's
 * return, placing and capturing orders, returns refunded with the stock Refund button, and what
 * the sandbox received. `context` gives the current test's admin headers and seeded store.
 */
export function opttyShop(input: {
  api: any
  getContainer: () => MedusaContainer
  sandbox: () => OpttySandbox
  context: () => { admin: { headers: Record<string, string> }; store: Storefront }
}) {
  const { api, getContainer, sandbox } = input
  const requests = (method: string, path: RegExp) =>
    sandbox()
      .control.requests()
      .filter((r) => r.method === method && path.test(r.path))
  const owed = async (orderId: string) =>
    -(await orderSummary(api, input.context().admin, orderId)).pending_difference

  /** 1 shirt (25.00) and 2 mugs (12.10), GST included, plus Standard shipping (4.95). */
  async function checkout(data: Record<string, unknown> = { bnpl_provider: "KLARNA_AU" }) {
    const { store } = input.context()
    const cart = await createStoreCart(api, store, {
      items: [
        { variant_id: store.variants.shirt, quantity: 1 },
        { variant_id: store.variants.mug, quantity: 2 },
      ],
    })
    const { session } = await createStorePaymentSession(api, store, cart.id, OPTTY, data)
    const optty = session.data.optty as { order_reference: string }
    return { cart, session, reference: optty.order_reference }
  }

  /** What the storefront's return page does with the query Optty sent the shopper back with. */
  async function shopperReturns(cartId: string, redirectUrl: string) {
    const query = Object.fromEntries(new URL(redirectUrl).searchParams)
    return api
      .post(`/store/carts/${cartId}/payment-return/optty`, query, storeHeaders(input.context().store))
      .then((response: any) => ({ status: response.status, body: response.data }))
      .catch((error: any) => ({ status: error.response.status, body: error.response.data }))
  }

  /**
   * Checkout paid at the sandbox, the shopper's return verified, the cart completed (the
   * provider reads the order from Optty), everything shipped and the payment captured by staff.
   * Webhooks are off so that only what the test does happens.
   */
  async function capturedOrder() {
    sandbox().control.setAutoNotify(false)
    const { cart, reference } = await checkout()
    const { redirectUrl } = sandbox().control.pay(reference)
    const returned = await shopperReturns(cart.id, redirectUrl)
    if (returned.status !== 200) throw new Error(`return refused: ${JSON.stringify(returned)}`)
    const completed = await completeStoreCart(api, input.context().store, cart.id)
    if (completed.type !== "order") {
      throw new Error(`cart not completed: ${JSON.stringify(completed)}`)
    }
    const placed = (await orderOfCart(getContainer(), cart.id))!
    await fulfillAll(getContainer(), placed.orderId)
    await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, input.context().admin)
    return { ...placed, reference, cartId: cart.id }
  }

  /** Receives a return of these units and presses the stock Refund button for what is owed. */
  async function refundReturn(
    placed: { orderId: string; paymentId: string },
    items: Array<{ id: string; quantity: number }>,
  ) {
    const { admin } = input.context()
    const returnId = await receiveReturn(api, admin, placed.orderId, items)
    const amount = await owed(placed.orderId)
    const refund = await pressRefund(placed.paymentId, amount)
    return { ...refund, amount, returnDisplayId: await returnDisplayId(returnId) }
  }

  /** The stock admin Refund button with an amount. */
  function pressRefund(paymentId: string, amount: number) {
    return api
      .post(`/admin/payments/${paymentId}/refund`, { amount }, input.context().admin)
      .then(() => ({ error: null as any }))
      .catch((error: any) => ({ error: error.response }))
  }

  async function returnDisplayId(returnId: string): Promise<number> {
    const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [found],
    } = await query.graph({ entity: "return", fields: ["display_id"], filters: { id: returnId } })
    return (found as any).display_id
  }

  return {
    requests,
    refundRequests: () => requests("POST", /\/refund$/),
    owed,
    checkout,
    shopperReturns,
    capturedOrder,
    refundReturn,
    pressRefund,
    /** the refunds Optty holds for the order (amounts in cents) */
    opttyRefunds: (reference: string) => sandbox().control.order(reference)!.refunds,
  }
}
