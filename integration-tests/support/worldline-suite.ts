import { generateKeyPairSync } from "node:crypto"
import { MedusaContainer } from "@medusajs/framework/types"
import { fromMinorUnits } from "../../src/core/money"
import type { RecordedRequest } from "../sandboxes/kit/request-log"
import { REFUND_DECLINED_STATUS } from "../sandboxes/worldline/control/refund-events"
import {
  startWorldlineSandbox,
  WorldlineSandbox,
  WorldlineSandboxOptions,
} from "../sandboxes/worldline/start-sandbox"
import {
  AdapterInput,
  contractBasics,
  ContractGatewayRefund,
  GatewayContractAdapter,
  postUnsignedWebhook,
} from "./gateway-contract"
import {
  fulfillAll,
  orderOfCart,
  shopBasics,
  SUITE_IN_DOUBT_WINDOW_SECONDS,
  useGatewaySandbox,
} from "./gateway-suite"
import { Storefront } from "./storefront-seed"
import { completeStoreCart, createStoreCart, createStorePaymentSession } from "./storefront-api"

/** what the sandbox is told a declined refund says */
const DECLINE_REASON = "The issuing bank declined the credit"

export const WORLDLINE = "pp_worldline_worldline"
export const WORLDLINE_WEBHOOK = "/hooks/payment/worldline_worldline"
/** the payment method the sandbox refunds by payout (docs/gateways/worldline.md#payouts) */
export const PAYOUT_METHOD = 7000

/** Made up for the suite: a merchant, its notification secret and two key pairs of its own. */
export const WORLDLINE_MERCHANT = {
  merchantId: "1570616552",
  applicationId: "application-1",
  notificationToken: "worldline-notification-token-for-tests",
}

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  }
}

/** The suite's keys: the first signs; the second is registered too, for rollover. */
export const WORLDLINE_KEYS = [keyPair(), keyPair()]

/**
 * Where the sandbox posts notifications: the webhook route of the Medusa the suite boots, with
 * the URL's secret. Worldline sets this up per merchant (docs/gateways/worldline.md#notifications);
 * the sandbox forgets it on reset, so suites set it after each reset.
 */
export function worldlineNotificationUrl(): string {
  return `http://localhost:${process.env.PORT}${WORLDLINE_WEBHOOK}?token=${WORLDLINE_MERCHANT.notificationToken}`
}

/** The Worldline sandbox for a suite (see `useGatewaySandbox`), notifying Medusa's webhook. */
export function useWorldlineSandbox(options: Partial<WorldlineSandboxOptions> = {}): {
  sandbox: () => WorldlineSandbox
} {
  return useGatewaySandbox({
    name: "Worldline",
    start: () =>
      startWorldlineSandbox({
        merchantId: WORLDLINE_MERCHANT.merchantId,
        applicationId: WORLDLINE_MERCHANT.applicationId,
        publicKeys: WORLDLINE_KEYS.map((k) => k.publicPem),
        port: 0,
        webhookRetryDelaysMs: [200, 500],
        ...options,
      }),
    env: (sandbox) => {
      return {
        WORLDLINE_MERCHANT_ID: WORLDLINE_MERCHANT.merchantId,
        WORLDLINE_APPLICATION_ID: WORLDLINE_MERCHANT.applicationId,
        WORLDLINE_PRIVATE_KEY: WORLDLINE_KEYS[0].privatePem,
        WORLDLINE_API_URL: sandbox.apiUrl,
        WORLDLINE_ALLOWED_PAYMENT_METHOD_IDS: `1000,${PAYOUT_METHOD}`,
        WORLDLINE_NOTIFICATION_TOKEN: WORLDLINE_MERCHANT.notificationToken,
        // short enough for the timeout tests, long enough for a loaded CI machine
        WORLDLINE_TIMEOUT_MS: "3000",
        WORLDLINE_IN_DOUBT_WINDOW_SECONDS: String(SUITE_IN_DOUBT_WINDOW_SECONDS),
      }
    },
  })
}

/**
 * A storefront and its staff at a shop paying with Worldline: checkout through the hosted page,
 * placing and capturing orders, returns refunded with the stock Refund button, and what the
 * sandbox received. `context` gives the current test's admin headers and seeded store.
 */
export function worldlineShop(input: {
  api: any
  getContainer: () => MedusaContainer
  sandbox: () => WorldlineSandbox
  context: () => { admin: { headers: Record<string, string> }; store: Storefront }
}) {
  const { api, getContainer, sandbox } = input
  const basics = shopBasics(input)

  /** 1 shirt and 2 mugs plus Standard shipping, paid with `paymentMethodId` (cards by default). */
  async function checkout(data: Record<string, unknown> = {}) {
    const { store } = input.context()
    const cart = await createStoreCart(api, store, {
      items: [
        { variant_id: store.variants.shirt, quantity: 1 },
        { variant_id: store.variants.mug, quantity: 2 },
      ],
    })
    const { session } = await createStorePaymentSession(api, store, cart.id, WORLDLINE, data)
    const worldline = session.data.worldline as { order_id: string; redirect_url: string }
    return { cart, session, orderId: worldline.order_id, redirectUrl: worldline.redirect_url }
  }

  /**
   * Checkout paid on the sandbox's hosted page, the cart completed (the provider reads the order
   * from Worldline), everything shipped and captured by staff (`portalCaptures`: amounts staff
   * capture in Worldline's portal first; Medusa's capture then takes the rest). Notifications
   * are off so that only what the test does happens.
   */
  async function capturedOrder(
    options: { data?: Record<string, unknown>; portalCaptures?: string[] } = {},
  ) {
    sandbox().control.setAutoNotify(false)
    const { cart, orderId } = await checkout(options.data)
    sandbox().control.pay(orderId, { outcome: "authorized" })
    const completed = await completeStoreCart(api, input.context().store, cart.id)
    if (completed.type !== "order") {
      throw new Error(`cart not completed: ${JSON.stringify(completed)}`)
    }
    const placed = (await orderOfCart(getContainer(), cart.id))!
    await fulfillAll(getContainer(), placed.orderId)
    const admin = input.context().admin
    for (const amount of options.portalCaptures ?? []) {
      sandbox().control.portalCapture(orderId, { amount })
    }
    await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, admin)
    return { ...placed, gatewayOrder: orderId, cartId: cart.id }
  }

  const refundRequests = (gatewayOrder: string) =>
    basics.requests("POST", new RegExp(`/orders/${gatewayOrder}/refunds$`))

  return {
    ...basics,
    checkout,
    capturedOrder,
    /** every refund request the sandbox received for the order, repeats included */
    refundRequests,
    /** the refund transactions Worldline holds for the order (Credit and Payout) */
    worldlineRefunds: (gatewayOrder: string) => sandbox().control.refunds(gatewayOrder),
  }
}

/** Worldline's transaction states in the plugin's terms (docs/gateways/worldline.md#refund-statuses). */
function contractStatus(state: string): ContractGatewayRefund["status"] {
  if (state === "Processed") return "succeeded"
  if (state === "Registered") return "pending"
  return "failed"
}

/**
 * One request per `requestId`: a repeat under the same request id is Worldline's retry of the
 * same request (docs/gateways/worldline.md#refund-retries), so the contract's "one refund
 * request" counts it once. The Worldline spec checks the repeats themselves.
 */
function oneRequestPerRequestId(requests: RecordedRequest[]): RecordedRequest[] {
  const seen = new Set<string>()
  return requests.filter((r) => {
    const id = String((r.body as { requestId?: unknown } | undefined)?.requestId)
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}

/** Worldline's adapter of the gateway contract suite: its card credits start Registered here. */
export function worldlineContract(
  input: AdapterInput<WorldlineSandbox, ReturnType<typeof worldlineShop>>,
): GatewayContractAdapter {
  const { shop } = input
  const control = () => input.sandbox().control
  return {
    ...contractBasics(input),
    name: "Worldline",
    currency: "eur",
    async capturedOrder() {
      const placed = await shop.capturedOrder()
      control().setCreditsStartAs("Registered")
      return placed
    },
    gatewayRefunds: (order) =>
      shop.worldlineRefunds(order.gatewayOrder).map((r) => ({
        reference: r.transactionId,
        status: contractStatus(r.state),
      })),
    refundRequests: (order) => oneRequestPerRequestId(shop.refundRequests(order.gatewayOrder)),
    refundPath: (order) =>
      `/merchants/${WORLDLINE_MERCHANT.merchantId}/orders/${order.gatewayOrder}/refunds`,
    // the provider adds the status code Worldline declines it with
    declineReason: `${DECLINE_REASON} (status code ${REFUND_DECLINED_STATUS})`,
    settleRefund(order, reference, outcome) {
      control().settleRefund(
        order.gatewayOrder,
        reference,
        outcome === "succeeded"
          ? { state: "Processed" }
          : { state: "Declined", description: DECLINE_REASON },
      )
    },
    async forgeNotification(order) {
      // Worldline signs nothing: a body saying the refund was declined is only a pointer, and
      // without the URL's token nothing is even read
      const [refund] = shop.worldlineRefunds(order.gatewayOrder)
      await postUnsignedWebhook(
        input,
        `${WORLDLINE_WEBHOOK}?token=${WORLDLINE_MERCHANT.notificationToken}`,
        {
          notifications: [
            {
              orderId: order.gatewayOrder,
              orderState: "Paid",
              transactions: [{ ...refund, state: "Declined", description: "forged" }],
              links: [
                {
                  rel: "self",
                  href: `/v2/merchants/${WORLDLINE_MERCHANT.merchantId}/orders/${encodeURIComponent(order.gatewayOrder)}`,
                },
              ],
            },
          ],
        },
      )
    },
    dashboardRefund(order, amountMinor) {
      control().dashboardRefund(order.gatewayOrder, { amount: fromMinorUnits(amountMinor, "eur") })
    },
    allowRepeatRefund: () => undefined,
    readRequest: (order) => ({
      method: "GET",
      path: `/merchants/${WORLDLINE_MERCHANT.merchantId}/orders/${order.gatewayOrder}`,
    }),
  }
}
