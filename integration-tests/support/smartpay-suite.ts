import { MedusaContainer } from "@medusajs/framework/types"
import { gatewayRefundFailureReason } from "../../src/core/messages"
import type { RecordedRequest } from "../sandboxes/kit/request-log"
import {
  EventType,
  SmartpaySandbox,
  SmartpaySandboxOptions,
  startSmartpaySandbox,
  webhookSignature,
} from "../sandboxes/smartpay/start-sandbox"
import {
  contractBasics,
  ContractGatewayRefund,
  ContractOrder,
  GatewayContractAdapter,
} from "./gateway-contract"
import {
  fulfillAll,
  orderOfCart,
  shopBasics,
  SUITE_IN_DOUBT_WINDOW_SECONDS,
  useGatewaySandbox,
} from "./gateway-suite"
import { webhooksHandled } from "./refund-outcomes"
import { Storefront } from "./storefront-seed"
import { completeStoreCart, createStoreCart, createStorePaymentSession } from "./storefront-api"

export const SMARTPAY = "pp_smartpay_smartpay"
export const SMARTPAY_WEBHOOK = "/hooks/payment/smartpay_smartpay"

/** Made up for the suite: a test secret key and the webhook endpoint's Base62 signing secret. */
export const SMARTPAY_MERCHANT = {
  secretKey: "sk_test_SuiteKeyForTheIntegrationTests0042",
  signingSecret: "SuiteSigningSecretForWebhooks0000000042",
  subscriptionId: "webhookendpoint_test_suite",
}

/**
 * Where the sandbox posts webhooks: the webhook route of the Medusa the suite boots. Medusa's
 * port is only known once the sandbox runs, and `reset()` forgets the URL, so suites set it
 * after each reset.
 */
export function smartpayWebhookUrl(): string {
  return `http://localhost:${process.env.PORT}${SMARTPAY_WEBHOOK}`
}

/** The Smartpay sandbox for a suite (see `useGatewaySandbox`), its webhooks going to Medusa. */
export function useSmartpaySandbox(options: Partial<SmartpaySandboxOptions> = {}): {
  sandbox: () => SmartpaySandbox
} {
  return useGatewaySandbox({
    name: "Smartpay",
    start: () =>
      startSmartpaySandbox({
        secretKey: SMARTPAY_MERCHANT.secretKey,
        signingSecret: SMARTPAY_MERCHANT.signingSecret,
        subscriptionId: SMARTPAY_MERCHANT.subscriptionId,
        port: 0,
        webhookRetryDelaysMs: [200, 500],
        log: () => undefined,
        ...options,
      }),
    env: (sandbox) => ({
      SMARTPAY_SECRET_KEY: SMARTPAY_MERCHANT.secretKey,
      SMARTPAY_API_URL: sandbox.apiUrl,
      SMARTPAY_SIGNING_SECRET: SMARTPAY_MERCHANT.signingSecret,
      SMARTPAY_SUBSCRIPTION_IDS: SMARTPAY_MERCHANT.subscriptionId,
      SMARTPAY_WEBHOOK_TOLERANCE_SECONDS: "300",
      SMARTPAY_CAPTURE_METHOD: "manual",
      SMARTPAY_FRAUDULENT_REASON_CODES: "fraud",
      // short enough for the timeout tests, long enough for a loaded CI machine
      SMARTPAY_TIMEOUT_MS: "3000",
      SMARTPAY_IN_DOUBT_WINDOW_SECONDS: String(SUITE_IN_DOUBT_WINDOW_SECONDS),
    }),
  })
}

type CartItems = Partial<Record<"shirt" | "mug" | "book", number>>

/**
 * A storefront and its staff at a Japanese shop paying with Smartpay: checkout through a
 * checkout session built from the server's cart, the shopper paying on the hosted checkout,
 * placing and capturing orders, returns refunded with the stock Refund button, and what the
 * sandbox received. `context` gives the current test's admin headers and seeded store.
 */
export function smartpayShop(input: {
  api: any
  getContainer: () => MedusaContainer
  sandbox: () => SmartpaySandbox
  context: () => { admin: { headers: Record<string, string> }; store: Storefront }
}) {
  const { api, getContainer, sandbox } = input
  const basics = shopBasics(input)

  /** 1 shirt and 2 mugs (by default) plus Standard shipping, with a Smartpay checkout session. */
  async function checkout(items: CartItems = { shirt: 1, mug: 2 }) {
    const { store } = input.context()
    const cart = await createStoreCart(api, store, {
      items: (Object.entries(items) as Array<[keyof CartItems, number]>).map(
        ([product, quantity]) => ({ variant_id: store.variants[product], quantity }),
      ),
    })
    const { session } = await createStorePaymentSession(api, store, cart.id, SMARTPAY)
    const smartpay = session.data.smartpay as {
      order_id: string
      checkout_session_id: string
      url: string
    }
    return {
      cart,
      session,
      orderId: smartpay.order_id,
      checkoutSessionId: smartpay.checkout_session_id,
      url: smartpay.url,
    }
  }

  /**
   * Checkout paid on the sandbox's hosted checkout, the cart completed (the provider reads the
   * order from Smartpay), everything shipped and captured by staff (`dashboardCaptures`: yen
   * staff capture in Smartpay's dashboard first; Medusa's capture then takes the rest).
   * Webhooks are off so that only what the test does happens.
   */
  async function capturedOrder(options: { items?: CartItems; dashboardCaptures?: number[] } = {}) {
    sandbox().control.setAutoNotify(false)
    const { cart, orderId } = await checkout(options.items)
    sandbox().control.pay(orderId, { outcome: "authorized" })
    const completed = await completeStoreCart(api, input.context().store, cart.id)
    if (completed.type !== "order") {
      throw new Error(`cart not completed: ${JSON.stringify(completed)}`)
    }
    const placed = (await orderOfCart(getContainer(), cart.id))!
    await fulfillAll(getContainer(), placed.orderId)
    for (const amount of options.dashboardCaptures ?? []) {
      sandbox().control.dashboardCapture(orderId, { amount })
    }
    await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, input.context().admin)
    return { ...placed, gatewayOrder: orderId, cartId: cart.id }
  }

  /** the ids of the order's payments (captures) at Smartpay */
  const paymentIds = (gatewayOrder: string) =>
    (sandbox().control.order(gatewayOrder)?.payments ?? []).map((p) =>
      typeof p === "string" ? p : p.id,
    )

  /** every POST /refunds the sandbox received for the order's payments, repeats included */
  const refundRequests = (gatewayOrder: string) => {
    const ids = paymentIds(gatewayOrder)
    return basics
      .requests("POST", /\/v1\/refunds$/)
      .filter((r) => ids.includes(String((r.body as { payment?: unknown })?.payment)))
  }

  /** every GET the sandbox received (order, payment and refund reads) */
  const reads = () => basics.requests("GET", /^\/v1\//)

  return {
    ...basics,
    checkout,
    capturedOrder,
    paymentIds,
    refundRequests,
    reads,
    /** the refunds Smartpay holds for the order's payments, oldest first */
    smartpayRefunds: (gatewayOrder: string) => sandbox().control.refunds(gatewayOrder),
  }
}

/**
 * A webhook as Smartpay signs it (docs/gateways/smartpay.md#webhook-signature), posted to
 * Medusa's route by the test: `signature` and `timestamp` may be spoiled to forge one.
 */
export async function postSmartpayWebhook(
  api: any,
  input: {
    type: EventType
    data: unknown
    /** ms since the epoch; default now */
    timestampMs?: number
    /** the signing secret used; default the suite's */
    signingSecret?: string
  },
): Promise<void> {
  const body = JSON.stringify({
    id: "evt_test_SuiteForgedEvent000000000",
    object: "event",
    createdAt: Date.now(),
    test: true,
    eventData: { type: input.type, version: "2022-02-18", data: input.data },
  })
  const timestamp = String(input.timestampMs ?? Date.now())
  const posted = await api.post(SMARTPAY_WEBHOOK, body, {
    headers: {
      "content-type": "application/json",
      "Smartpay-Signature": webhookSignature(
        input.signingSecret ?? SMARTPAY_MERCHANT.signingSecret,
        timestamp,
        body,
      ),
      "Smartpay-Signature-Timestamp": timestamp,
      "Smartpay-Subscription-Id": SMARTPAY_MERCHANT.subscriptionId,
      "Smartpay-Event-Id": "evt_test_SuiteForgedEvent000000000",
    },
  })
  if (posted.status !== 200) throw new Error(`webhook answered ${posted.status}`)
}

/** Smartpay's refund statuses in the plugin's terms (docs/gateways/smartpay.md#refund-answer). */
function contractStatus(status: string): ContractGatewayRefund["status"] {
  if (status === "succeeded") return "succeeded"
  if (status === "failed") return "failed"
  return "pending"
}

/**
 * One request per Idempotency-Key: a repeat under the same key is the provider's resend of the
 * same request, which Smartpay answers as a replay (docs/gateways/smartpay.md#idempotency), so
 * the contract's "one refund request" counts it once. The Smartpay spec checks the repeats.
 */
export function oneRequestPerKey(requests: RecordedRequest[]): RecordedRequest[] {
  const seen = new Set<string>()
  return requests.filter((r) => {
    const key = String(r.headers["idempotency-key"])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** What the provider records for a refund Smartpay marks failed: Smartpay gives no reason. */
export const SMARTPAY_DECLINE_REASON = gatewayRefundFailureReason({
  gateway: "Smartpay",
  status: "failed",
})

/**
 * Smartpay's adapter of the gateway contract suite: refunds start pending here (the sandbox's
 * `refundsStartAs`, ours: Smartpay documents succeeded and failed only), and settle without an
 * event, so the contract's notification is a `refund.created` re-sent about the order's newest
 * refund (or `payment.created` while it has none): a pointer the provider re-reads.
 */
export function smartpayContract(input: {
  api: any
  getContainer: () => MedusaContainer
  sandbox: () => SmartpaySandbox
  shop: ReturnType<typeof smartpayShop>
  admin: () => { headers: Record<string, string> }
}): GatewayContractAdapter {
  const { api, getContainer, shop } = input
  const control = () => input.sandbox().control

  /** one signed event about the order now, through Medusa's webhook route */
  async function notifyAbout(gatewayOrder: string) {
    const refunds = control().refunds(gatewayOrder)
    const newest = refunds[refunds.length - 1]
    if (newest) return control().notify("refund.created", newest.id)
    const payments = shop.paymentIds(gatewayOrder)
    if (payments.length) return control().notify("payment.created", payments[payments.length - 1])
    return control().notify("order.authorized", gatewayOrder)
  }

  const kit = {
    control: {
      failNext: (fault: Parameters<GatewayContractAdapter["failNext"]>[0]) =>
        control().failNext(fault),
      clearFaults: () => control().clearFaults(),
      notify: notifyAbout,
    },
  }

  return {
    ...contractBasics({ ...input, sandbox: () => kit }),
    name: "Smartpay",
    currency: "jpy",
    async capturedOrder(): Promise<ContractOrder> {
      const placed = await shop.capturedOrder()
      control().setRefundsStartAs("pending")
      return placed
    },
    gatewayRefunds: (order) =>
      shop.smartpayRefunds(order.gatewayOrder).map((r) => ({
        reference: r.id,
        status: contractStatus(r.status),
      })),
    refundRequests: (order) => oneRequestPerKey(shop.refundRequests(order.gatewayOrder)),
    refundPath: () => "/v1/refunds",
    // the provider re-reads the order (its payments expanded) and their refunds before refunding
    readRequest: (order) => ({ method: "GET", path: `/v1/orders/${order.gatewayOrder}` }),
    declineReason: SMARTPAY_DECLINE_REASON,
    settleRefund(_order, reference, outcome) {
      control().settleRefund(reference, { status: outcome })
    },
    async forgeNotification(order) {
      // a refund.created about the order's refund signed with another secret, and one signed
      // with the right secret an hour ago (a replay): neither may make the store read anything
      const [refund] = shop.smartpayRefunds(order.gatewayOrder)
      const data = { ...refund, status: "failed" }
      const handled = webhooksHandled(getContainer(), 2)
      await postSmartpayWebhook(api, {
        type: "refund.created",
        data,
        signingSecret: "NotTheSigningSecretOfThisEndpoint0000",
      })
      await postSmartpayWebhook(api, {
        type: "refund.created",
        data,
        timestampMs: Date.now() - 3_600_000,
      })
      await handled
    },
    dashboardRefund(order, amountMinor) {
      // JPY has no minor unit: the amount is whole yen
      control().dashboardRefund(order.gatewayOrder, { amount: amountMinor })
    },
    // Smartpay has no rule against refunding the same amount twice
    allowRepeatRefund: () => undefined,
  }
}
