import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { fromMinorUnits } from "../../src/core/money"
import { OpttySandbox, startOpttySandbox } from "../sandboxes/optty/start-sandbox"
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
  postUnsignedWebhook,
} from "./gateway-contract"
import { Storefront } from "./storefront-seed"
import {
  completeStoreCart,
  createStoreCart,
  createStorePaymentSession,
  storeHeaders,
} from "./storefront-api"

/** what the sandbox is told a declined refund says */
const DECLINE_REASON = "Refund declined by the BNPL provider"

export const OPTTY = "pp_optty_optty"
export const OPTTY_CREDENTIALS = {
  clientId: "optty-client-for-tests",
  clientSecret: "optty-client-secret-for-tests",
  merchantId: "merchant-for-tests",
  paymentSecret: "optty-payment-secret-for-tests",
}

/** The Optty sandbox for a suite (see `useGatewaySandbox`). */
export function useOpttySandbox(): { sandbox: () => OpttySandbox } {
  return useGatewaySandbox({
    name: "Optty",
    start: () =>
      startOpttySandbox({ ...OPTTY_CREDENTIALS, port: 0, webhookRetryDelaysMs: [200, 500] }),
    env: (sandbox) => ({
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
    }),
  })
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
  const basics = shopBasics(input)
  const { requests, owed, pressRefund } = basics

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
      .post(
        `/store/carts/${cartId}/payment-return/optty`,
        query,
        storeHeaders(input.context().store),
      )
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
    const refund = await basics.refundReturn(placed, items)
    return { ...refund, returnDisplayId: await returnDisplayId(refund.returnId) }
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

/** Optty's refund statuses in the plugin's terms (docs/gateways/optty.md#refund-statuses). */
function contractStatus(status: string): ContractGatewayRefund["status"] {
  if (status === "SUCCESSFUL") return "succeeded"
  if (status === "FAILED") return "failed"
  return "pending"
}

/** Optty's adapter of the gateway contract suite: its refunds start PENDING here. */
export function opttyContract(
  input: AdapterInput<OpttySandbox, ReturnType<typeof opttyShop>>,
): GatewayContractAdapter {
  const { shop } = input
  const control = () => input.sandbox().control
  return {
    ...contractBasics(input),
    name: "Optty",
    currency: "aud",
    async capturedOrder() {
      const placed = await shop.capturedOrder()
      control().setRefundsStartAs("PENDING")
      return { ...placed, gatewayOrder: placed.reference }
    },
    gatewayRefunds: (order) =>
      shop.opttyRefunds(order.gatewayOrder).map((r) => ({
        reference: r.refundId,
        status: contractStatus(r.status),
      })),
    refundRequests: (order) =>
      shop.requests("POST", new RegExp(`/orders/${order.gatewayOrder}/refund$`)),
    refundPath: (order) => `/api/orders/${order.gatewayOrder}/refund`,
    declineReason: DECLINE_REASON,
    settleRefund(order, reference, outcome) {
      control().settleRefund(
        order.gatewayOrder,
        reference,
        outcome === "succeeded"
          ? { status: "SUCCESSFUL" }
          : { status: "FAILED", reason: DECLINE_REASON },
      )
    },
    async forgeNotification(order) {
      // Optty signs nothing: a body claiming the refund failed is only a pointer to re-read
      const [refund] = shop.opttyRefunds(order.gatewayOrder)
      await postUnsignedWebhook(input, "/hooks/payment/optty_optty", {
        event: "ORDER_ASYNC_CALLBACK",
        type: "REFUND",
        orderReference: order.gatewayOrder,
        refundReference: refund.refundId,
        status: "FAILED",
        refundFailureReason: "forged",
      })
    },
    dashboardRefund(order, amountMinor) {
      control().dashboardRefund(order.gatewayOrder, {
        amount: fromMinorUnits(amountMinor, "aud"),
        status: "SUCCESSFUL",
      })
    },
    allowRepeatRefund: () => undefined,
    readRequest: (order) => ({ method: "POST", path: `/api/orders/${order.gatewayOrder}/details` }),
  }
}
