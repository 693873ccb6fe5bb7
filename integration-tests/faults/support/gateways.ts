import { MedusaContainer } from "@medusajs/framework/types"
import fc from "fast-check"
import type { ContractOrder, GatewayContractAdapter } from "../../support/gateway-contract"
import { MARKETS } from "../../support/market-taxes"
import {
  MSP,
  MSP_API_KEY,
  multiSafepayContract,
  multiSafepayShop,
  useMultiSafepaySandbox,
} from "../../support/multisafepay-suite"
import { OPTTY, opttyContract, opttyShop, useOpttySandbox } from "../../support/optty-suite"
import {
  SMARTPAY,
  SMARTPAY_MERCHANT,
  SMARTPAY_WEBHOOK,
  smartpayContract,
  smartpayShop,
  smartpayWebhookUrl,
  useSmartpaySandbox,
} from "../../support/smartpay-suite"
import { fulfillAll, orderOfCart } from "../../support/gateway-suite"
import type { Storefront, StorefrontOptions } from "../../support/storefront-seed"
import {
  completeStoreCart,
  createSessionOnCollection,
  storeHeaders,
} from "../../support/storefront-api"
import {
  useWorldlineSandbox,
  WORLDLINE,
  WORLDLINE_MERCHANT,
  WORLDLINE_WEBHOOK,
  worldlineContract,
  worldlineNotificationUrl,
  worldlineShop,
} from "../../support/worldline-suite"
import {
  MultiSafepaySandbox,
  notificationAuthHeader,
} from "../../sandboxes/multisafepay/start-sandbox"
import type { OpttySandbox } from "../../sandboxes/optty/start-sandbox"
import { SmartpaySandbox, webhookSignature } from "../../sandboxes/smartpay/start-sandbox"
import type { WorldlineSandbox } from "../../sandboxes/worldline/start-sandbox"
import { toMinorUnits } from "../../../src/core/money"
import type { RecordedRequest } from "../../sandboxes/kit/request-log"
import type { PendingOpttyReturn } from "./fuzz"
import {
  anyJson,
  FuzzRequest,
  notAString,
  oneOf,
  randomBodyRequest,
  unknownId,
} from "./arbitraries"

/** A refund as the gateway holds it: what it pays back, in the currency's minor units. */
export interface GatewayRefund {
  minor: number
  status: "pending" | "succeeded" | "failed"
}

/** A webhook route of the gateway and the requests it is fuzzed with. */
export interface WebhookFuzz {
  /** how the table names the route */
  route: string
  requests: fc.Arbitrary<FuzzRequest>
}

/** What the faults suites need of a gateway, built on its contract adapter. */
export interface FaultsGateway {
  name: string
  currency: string
  adapter: GatewayContractAdapter
  /**
   * A captured order, everything shipped, notifications off, the gateway's refunds starting
   * pending: what the adapter's `capturedOrder` makes, with the cart made in one request.
   */
  capturedOrder(): Promise<ContractOrder & { cartId: string }>
  /** the refunds the gateway actually made for the order (its own state, not what it told us) */
  refundsAt(order: ContractOrder): GatewayRefund[]
  /**
   * When the refund call goes to one path for every order (a fault cannot be aimed at one
   * order): whether a refund request the sandbox recorded was for this order. Undefined when
   * each order's refunds have a path of their own.
   */
  sharedRefundPath?: (order: ContractOrder, request: RecordedRequest) => boolean
  /** resolves when every notification the sandbox started has been delivered */
  settleNotifications(): Promise<void>
  /** the gateway's shop in the suite's app */
  store(): Storefront
  /** what the sandbox received so far, in order (with the fault applied to each) */
  requests(): RecordedRequest[]
  /**
   * whether the provider calls the gateway when a notification comes in (it re-reads what the
   * notification points at); false when the notification carries the facts itself, signed, so
   * no gateway fault can reach that path
   */
  reportReads: boolean
  /** how the table names the gateway's webhook routes (one row each) */
  webhookRoutes: string[]
  /** the gateway's webhook routes, fuzzed with bodies aimed at these orders */
  webhookFuzz(orders: ContractOrder[]): WebhookFuzz[]
  /** a cart paid at the gateway whose shopper has not come back yet (Optty's return route) */
  pendingStoreReturn?(): Promise<PendingOpttyReturn>
}

export interface GatewayApp<S> {
  api: any
  getContainer: () => MedusaContainer
  sandbox: () => S
  admin: () => { headers: Record<string, string> }
  store: () => Storefront
}

/** A gateway as a faults suite file runs it: its sandbox, its shop, and the harness. */
export interface GatewayDefinition<S> {
  name: string
  /** the sandbox for the suite file; called at its top level, before the app boots */
  useSandbox(): { sandbox: () => S }
  storefront: StorefrontOptions
  /** resets the sandbox and sets up what the gateway's spec does (notification URLs) */
  prepare(sandbox: S): void
  build(app: GatewayApp<S>): FaultsGateway
}

const now = () => Date.now()
const shopContext =
  <S>(app: GatewayApp<S>) =>
  () => ({ admin: app.admin(), store: app.store() })

/**
 * The checkout the adapters' `capturedOrder` goes through (store API, the gateway's payment
 * session, paid at the sandbox, cart completed, everything shipped, captured by staff), with the
 * cart made by one request and the shipping method by another: the matrix makes dozens.
 */
async function fastCapturedOrder<S>(
  app: GatewayApp<S>,
  input: {
    provider: string
    data?: Record<string, unknown>
    items: Partial<Record<"shirt" | "mug" | "book", number>>
    promotion?: boolean
    /** pays at the sandbox (and brings the shopper back); the gateway's id of the order */
    pay(session: { id: string; data: Record<string, unknown> }, cartId: string): Promise<string>
  },
): Promise<ContractOrder & { cartId: string }> {
  const { api } = app
  const store = app.store()
  const headers = storeHeaders(store)
  const {
    data: { cart },
  } = await api.post(
    "/store/carts",
    {
      region_id: store.regionId,
      email: "sam@example.com",
      shipping_address: store.address,
      billing_address: store.address,
      items: Object.entries(input.items).map(([product, quantity]) => ({
        variant_id: store.variants[product as "shirt"],
        quantity,
      })),
      ...(input.promotion ? { promo_codes: [store.promoCode] } : {}),
    },
    headers,
  )
  await api.post(
    `/store/carts/${cart.id}/shipping-methods`,
    { option_id: store.shippingOptionId },
    headers,
  )
  const {
    data: { payment_collection: collection },
  } = await api.post("/store/payment-collections", { cart_id: cart.id }, headers)
  const { session } = await createSessionOnCollection(
    api,
    store,
    collection.id,
    input.provider,
    input.data,
  )
  const gatewayOrder = await input.pay(session, cart.id)
  const completed = await completeStoreCart(api, store, cart.id)
  if (completed.type !== "order")
    throw new Error(`cart not completed: ${JSON.stringify(completed)}`)
  const placed = (await orderOfCart(app.getContainer(), cart.id))!
  await fulfillAll(app.getContainer(), placed.orderId)
  await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, app.admin())
  return {
    orderId: placed.orderId,
    paymentId: placed.paymentId,
    lines: placed.lines,
    gatewayOrder,
    cartId: cart.id,
  }
}

/* MultiSafepay ------------------------------------------------------------------------------ */

function mspStatus(status: string): GatewayRefund["status"] {
  if (status === "completed") return "succeeded"
  if (["declined", "void", "cancelled", "expired"].includes(status)) return "failed"
  return "pending"
}

export const MULTISAFEPAY: GatewayDefinition<MultiSafepaySandbox> = {
  name: "MultiSafepay",
  useSandbox: useMultiSafepaySandbox,
  storefront: { paymentProviders: [MSP.any, MSP.klarna, MSP.payAfterDelivery] },
  prepare: (sandbox) => sandbox.control.reset(),
  build(app) {
    const { api, getContainer, sandbox } = app
    const shop = multiSafepayShop({ api, getContainer, sandbox, context: shopContext(app) })
    const adapter = multiSafepayContract({ api, getContainer, sandbox, shop, admin: app.admin })
    return {
      name: "MultiSafepay",
      currency: "eur",
      adapter,
      store: app.store,
      // the adapter's shop: Klarna, 2 shirts, 3 mugs and a book with BOOK10, + VAT
      capturedOrder() {
        sandbox().control.setAutoNotify(false)
        return fastCapturedOrder(app, {
          provider: MSP.klarna,
          items: { shirt: 2, mug: 3, book: 1 },
          promotion: true,
          async pay(session) {
            const mspOrderId = (session.data.multisafepay as { order_id: string }).order_id
            sandbox().control.pay(mspOrderId, {})
            return mspOrderId
          },
        })
      },
      refundsAt: (order) =>
        (sandbox().control.order(order.gatewayOrder)?.related_transactions ?? [])
          .filter((t) => t.type === "refund")
          .map((t) => ({ minor: t.amount, status: mspStatus(t.status) })),
      settleNotifications: () => sandbox().control.settleNotifications(),
      requests: () => sandbox().control.requests(),
      // a notification is the order itself, signed: the provider reads nothing at MultiSafepay
      reportReads: false,
      webhookRoutes: ["POST /hooks/payment/multisafepay_klarna"],
      webhookFuzz(orders) {
        // the orders' notification route (the Klarna provider's): a real notification is the
        // order as JSON, signed in `Auth`; here it is never signed right and fresh at once
        const route = "/hooks/payment/multisafepay_klarna"
        const snapshots = orders.map((o) => sandbox().control.order(o.gatewayOrder)!)
        const body = fc.oneof(
          oneOf(snapshots).chain((order) =>
            fc.record({
              ...Object.fromEntries(Object.entries(order).map(([k, v]) => [k, fc.constant(v)])),
              status: fc.constantFrom("completed", "void", "declined", "refunded", "shipped", 7),
              amount_refunded: fc.oneof(fc.integer(), fc.constant(order.amount)),
              related_transactions: fc.array(
                fc.record({
                  type: fc.constantFrom("refund", "capture", "chargeback"),
                  status: fc.constantFrom("completed", "reserved", "declined", "void"),
                  amount: fc.oneof(fc.integer({ min: -10_000, max: 10_000_000 }), notAString),
                  currency: fc.constantFrom("EUR", "USD", ""),
                  order_id: fc.constantFrom(order.order_id, "someone-else"),
                  transaction_id: fc.integer({ min: 1, max: 2 ** 31 }),
                  reference_transaction_id: fc.constant(order.transaction_id),
                  created: fc.constant(new Date().toISOString()),
                  description: fc.constant("forged refund"),
                }),
                { maxLength: 3 },
              ),
            }),
          ),
          anyJson,
        )
        const signed = fc
          .tuple(
            body,
            fc.constantFrom("none", "junk", "forged", "stale", "future", "tampered", "format"),
            fc.string({ maxLength: 20 }),
            fc.boolean(),
          )
          .map(([payload, how, junk, withQuery]): FuzzRequest => {
            const raw = JSON.stringify(payload) ?? "null"
            const ts = Math.floor(now() / 1000)
            const auth = {
              none: undefined,
              junk,
              format: Buffer.from(`${ts}:${"ab".repeat(64)}`).toString("base64"),
              forged: notificationAuthHeader("not-the-api-key", ts, raw),
              stale: notificationAuthHeader(MSP_API_KEY, ts - 3_600, raw),
              future: notificationAuthHeader(MSP_API_KEY, ts + 3_600, raw),
              tampered: notificationAuthHeader(MSP_API_KEY, ts, `${raw} `),
            }[how]
            const id = (payload as { order_id?: unknown } | null)?.order_id
            return {
              method: "POST",
              url: withQuery ? `${route}?transactionid=${String(id)}&timestamp=${ts}` : route,
              rawBody: raw,
              headers: {
                "content-type": "application/json",
                ...(auth === undefined ? {} : { auth }),
              },
            }
          })
        return [
          {
            route: `POST ${route}`,
            requests: fc.oneof(signed, randomBodyRequest(fc.constant(route))),
          },
        ]
      },
    }
  },
}

/* Optty ------------------------------------------------------------------------------------- */

function opttyStatus(status: string): GatewayRefund["status"] {
  if (status === "SUCCESSFUL") return "succeeded"
  if (status === "FAILED") return "failed"
  return "pending"
}

export const OPTTY_GATEWAY: GatewayDefinition<OpttySandbox> = {
  name: "Optty",
  useSandbox: useOpttySandbox,
  storefront: { paymentProviders: [OPTTY], taxInclusivePrices: true, market: MARKETS.au },
  prepare: (sandbox) => sandbox.control.reset(),
  build(app) {
    const { api, getContainer, sandbox } = app
    const shop = opttyShop({ api, getContainer, sandbox, context: shopContext(app) })
    const adapter = opttyContract({ api, getContainer, sandbox, shop, admin: app.admin })
    return {
      name: "Optty",
      currency: "aud",
      adapter,
      store: app.store,
      // the adapter's shop: a shirt and 2 mugs with Klarna AU; the shopper's return verified
      async capturedOrder() {
        sandbox().control.setAutoNotify(false)
        const order = await fastCapturedOrder(app, {
          provider: OPTTY,
          data: { bnpl_provider: "KLARNA_AU" },
          items: { shirt: 1, mug: 2 },
          async pay(session, cartId) {
            const reference = (session.data.optty as { order_reference: string }).order_reference
            const { redirectUrl } = sandbox().control.pay(reference)
            const returned = await shop.shopperReturns(cartId, redirectUrl)
            if (returned.status !== 200)
              throw new Error(`return refused: ${JSON.stringify(returned)}`)
            return reference
          },
        })
        sandbox().control.setRefundsStartAs("PENDING")
        return order
      },
      refundsAt: (order) =>
        (sandbox().control.order(order.gatewayOrder)?.refunds ?? []).map((r) => ({
          minor: Number(r.amountCents),
          status: opttyStatus(r.status),
        })),
      settleNotifications: () => sandbox().control.settleNotifications(),
      requests: () => sandbox().control.requests(),
      // a notification only points at the order, which the provider re-reads
      reportReads: true,
      webhookRoutes: ["POST /hooks/payment/optty_optty"],
      async pendingStoreReturn() {
        const { cart, reference } = await shop.checkout()
        const { redirectUrl } = sandbox().control.pay(reference)
        return {
          cartId: cart.id,
          reference,
          query: Object.fromEntries(new URL(redirectUrl).searchParams),
        }
      },
      webhookFuzz(orders) {
        // Optty signs nothing: the body only points at an order, which is re-read
        const route = "/hooks/payment/optty_optty"
        const reference = fc.oneof(
          oneOf(orders.map((o) => o.gatewayOrder)),
          unknownId("payses"),
          notAString,
        )
        const refunds = orders.flatMap(
          (o) =>
            sandbox()
              .control.order(o.gatewayOrder)
              ?.refunds.map((r) => r.refundId) ?? [],
        )
        const nearValid = fc.record(
          {
            event: fc.constantFrom("ORDER_ASYNC_CALLBACK", "REFUND", "", "PAYMENT_STATUS"),
            type: fc.constantFrom("REFUND", "PAYMENT", "CAPTURE", "VOID"),
            orderReference: reference,
            merchantReference: reference,
            refundReference: fc.oneof(oneOf(refunds.length ? refunds : ["lr_x"]), fc.string()),
            status: fc.constantFrom("FAILED", "SUCCESSFUL", "PENDING", "DECLINED", "REFUNDED"),
            refundAmount: fc.oneof(fc.double(), fc.integer(), notAString),
            refundFailureReason: fc.string({ maxLength: 20 }),
            data: fc.record({ orderReference: reference }),
          },
          { requiredKeys: ["orderReference"] },
        )
        return [
          {
            route: `POST ${route}`,
            requests: fc.oneof(
              fc.record({
                method: fc.constant("POST" as const),
                url: fc.constant(route),
                body: nearValid,
              }),
              randomBodyRequest(fc.constant(route)),
            ),
          },
        ]
      },
    }
  },
}

/* Worldline --------------------------------------------------------------------------------- */

function worldlineStatus(state: string): GatewayRefund["status"] {
  if (state === "Processed") return "succeeded"
  if (state === "Registered") return "pending"
  return "failed"
}

export const WORLDLINE_GATEWAY: GatewayDefinition<WorldlineSandbox> = {
  name: "Worldline",
  useSandbox: () => useWorldlineSandbox(),
  storefront: { paymentProviders: [WORLDLINE], taxInclusivePrices: true, market: MARKETS.be },
  prepare(sandbox) {
    sandbox.control.reset()
    sandbox.control.setNotificationUrl(worldlineNotificationUrl())
  },
  build(app) {
    const { api, getContainer, sandbox } = app
    const shop = worldlineShop({ api, getContainer, sandbox, context: shopContext(app) })
    const adapter = worldlineContract({ api, getContainer, sandbox, shop, admin: app.admin })
    const mid = WORLDLINE_MERCHANT.merchantId
    return {
      name: "Worldline",
      currency: "eur",
      adapter,
      store: app.store,
      // the adapter's shop: a shirt and 2 mugs paid by card on the hosted page; credits Registered
      async capturedOrder() {
        sandbox().control.setAutoNotify(false)
        const order = await fastCapturedOrder(app, {
          provider: WORLDLINE,
          data: {},
          items: { shirt: 1, mug: 2 },
          async pay(session) {
            const orderId = (session.data.worldline as { order_id: string }).order_id
            sandbox().control.pay(orderId, { outcome: "authorized" })
            return orderId
          },
        })
        sandbox().control.setCreditsStartAs("Registered")
        return order
      },
      refundsAt: (order) =>
        sandbox()
          .control.refunds(order.gatewayOrder)
          .map((r) => ({
            minor: toMinorUnits(r.amount, r.currency),
            status: worldlineStatus(r.state),
          })),
      settleNotifications: () => sandbox().control.settleNotifications(),
      requests: () => sandbox().control.requests(),
      // a notification only points at the order, which the provider re-reads
      reportReads: true,
      webhookRoutes: [`POST ${WORLDLINE_WEBHOOK}`, `POST ${WORLDLINE_WEBHOOK}?token=…`],
      webhookFuzz(orders) {
        // Worldline signs nothing: the body points at orders; the URL's ?token= is the secret
        const orderId = fc.oneof(oneOf(orders.map((o) => o.gatewayOrder)), unknownId("ord"))
        const transactions = orders.flatMap((o) => sandbox().control.refunds(o.gatewayOrder))
        const notification = fc.record(
          {
            orderId: fc.oneof(orderId, notAString),
            orderState: fc.constantFrom("Paid", "Refunded", "Cancelled", "Authorized", 3),
            transactions: fc.array(
              fc.record({
                ...(transactions[0]
                  ? Object.fromEntries(
                      Object.entries(transactions[0]).map(([k, v]) => [k, fc.constant(v)]),
                    )
                  : {}),
                transactionType: fc.constantFrom("Credit", "Payout", "Capture"),
                state: fc.constantFrom("Declined", "Processed", "Registered", "Failed"),
                amount: fc.record({
                  amount: fc.oneof(fc.double(), fc.integer({ min: -1e9, max: 1e12 })),
                  currency: fc.constantFrom("EUR", "JPY", "XXX"),
                }),
                description: fc.constant("forged"),
              }),
              { maxLength: 3 },
            ),
            links: fc.array(
              fc.record({
                rel: fc.constantFrom("self", "next", "SELF"),
                href: orderId.map((id) => `/v2/merchants/${mid}/orders/${encodeURIComponent(id)}`),
              }),
              { maxLength: 2 },
            ),
          },
          { requiredKeys: [] },
        )
        const body = fc.oneof(
          fc.record({ notifications: fc.array(notification, { maxLength: 3 }) }),
          notification,
        )
        const right = WORLDLINE_MERCHANT.notificationToken
        // without the URL's secret: none, a wrong one, or the secret in the header the
        // middleware fills (a caller may not set it), or the secret mangled
        const withoutToken = fc.oneof(
          fc.record({
            method: fc.constant("POST" as const),
            url: fc
              .oneof(
                fc.constant(""),
                fc.string({ maxLength: 20 }).map((t) => `?token=${encodeURIComponent(t)}`),
                fc.constantFrom(
                  `?token=${right.toUpperCase()}`,
                  `?token=${right} `,
                  `?token=${right.slice(0, -1)}`,
                  `?Token=${right}`,
                  `?token[]=${right}`,
                  `?token=&token=${right}x`,
                ),
              )
              .map((query) => `${WORLDLINE_WEBHOOK}${query}`),
            body,
            headers: fc.oneof(fc.constant({}), fc.constant({ "x-line-refunds-url-token": right })),
          }),
          randomBodyRequest(fc.constant(WORLDLINE_WEBHOOK)),
        )
        const tokenUrl = `${WORLDLINE_WEBHOOK}?token=${right}`
        const withToken = fc.oneof(
          fc.record({ method: fc.constant("POST" as const), url: fc.constant(tokenUrl), body }),
          randomBodyRequest(fc.constant(tokenUrl)),
        )
        return [
          { route: `POST ${WORLDLINE_WEBHOOK}`, requests: withoutToken },
          { route: `POST ${WORLDLINE_WEBHOOK}?token=…`, requests: withToken },
        ]
      },
    }
  },
}

/* Smartpay ---------------------------------------------------------------------------------- */

function smartpayStatus(status: string): GatewayRefund["status"] {
  if (status === "succeeded") return "succeeded"
  if (status === "failed") return "failed"
  return "pending"
}

export const SMARTPAY_GATEWAY: GatewayDefinition<SmartpaySandbox> = {
  name: "Smartpay",
  useSandbox: () => useSmartpaySandbox(),
  storefront: {
    paymentProviders: [SMARTPAY],
    taxInclusivePrices: true,
    market: MARKETS.jp,
    prices: { shirt: 2500, mug: 1210, book: 4000, shipping: 495 },
  },
  prepare(sandbox) {
    sandbox.control.reset()
    sandbox.control.setWebhookUrl(smartpayWebhookUrl())
  },
  build(app) {
    const { api, getContainer, sandbox } = app
    const shop = smartpayShop({ api, getContainer, sandbox, context: shopContext(app) })
    const adapter = smartpayContract({ api, getContainer, sandbox, shop, admin: app.admin })
    return {
      name: "Smartpay",
      currency: "jpy",
      adapter,
      store: app.store,
      // the adapter's shop: a shirt and 2 mugs in yen on the hosted checkout; refunds pending
      async capturedOrder() {
        sandbox().control.setAutoNotify(false)
        const order = await fastCapturedOrder(app, {
          provider: SMARTPAY,
          items: { shirt: 1, mug: 2 },
          async pay(session) {
            const orderId = (session.data.smartpay as { order_id: string }).order_id
            sandbox().control.pay(orderId, { outcome: "authorized" })
            return orderId
          },
        })
        sandbox().control.setRefundsStartAs("pending")
        return order
      },
      refundsAt: (order) =>
        sandbox()
          .control.refunds(order.gatewayOrder)
          .map((r) => ({ minor: r.amount, status: smartpayStatus(r.status) })),
      // POST /v1/refunds names the payment in its body
      sharedRefundPath: (order, request) =>
        shop
          .paymentIds(order.gatewayOrder)
          .includes(String((request.body as { payment?: unknown } | undefined)?.payment)),
      settleNotifications: () => sandbox().control.settleNotifications(),
      requests: () => sandbox().control.requests(),
      // a signed event names a refund or payment; the provider re-reads its order at Smartpay
      reportReads: true,
      webhookRoutes: [`POST ${SMARTPAY_WEBHOOK}`],
      webhookFuzz(orders) {
        // signed events: here signed with another secret, stale, in the future, over another
        // body, for another endpoint, malformed, or not signed; never right on every count
        const refunds = orders.flatMap((o) => sandbox().control.refunds(o.gatewayOrder))
        const payments = orders.flatMap((o) => shop.paymentIds(o.gatewayOrder))
        const data = fc.oneof(
          oneOf<Record<string, unknown>>(
            refunds.length ? refunds.map((r) => ({ ...r })) : [{}],
          ).chain((refund) =>
            fc.record({
              ...Object.fromEntries(Object.entries(refund).map(([k, v]) => [k, fc.constant(v)])),
              status: fc.constantFrom("failed", "succeeded", "pending", "canceled"),
              amount: fc.oneof(fc.integer({ min: -1e6, max: 1e9 }), notAString),
            }),
          ),
          fc.record({
            id: fc.oneof(
              oneOf(payments.length ? payments : ["payment_test_x"]),
              unknownId("payment_test"),
            ),
            object: fc.constantFrom("payment", "order", "refund"),
          }),
          anyJson,
        )
        const event = fc.record({
          id: fc.constantFrom("evt_test_FuzzEvent0000000000000", "evt_live_x", ""),
          object: fc.constantFrom("event", "refund"),
          createdAt: fc.integer({ min: 0, max: 2 ** 42 }),
          test: fc.boolean(),
          eventData: fc.record({
            type: fc.constantFrom(
              "refund.created",
              "payment.created",
              "order.authorized",
              "order.canceled",
              "x",
            ),
            version: fc.constantFrom("2022-02-18", ""),
            data,
          }),
        })
        const secret = SMARTPAY_MERCHANT.signingSecret
        const signedEvents = fc
          .tuple(
            fc.oneof(event, anyJson),
            fc.constantFrom(
              "none",
              "other-secret",
              "stale",
              "future",
              "tampered",
              "subscription",
              "malformed",
            ),
          )
          .map(([payload, how]): FuzzRequest => {
            const raw = JSON.stringify(payload) ?? "null"
            const fresh = String(now())
            const sign = (s: string, ts: string, body = raw) => webhookSignature(s, ts, body)
            const headers: Record<string, string> = {
              "content-type": "application/json",
              "Smartpay-Subscription-Id": SMARTPAY_MERCHANT.subscriptionId,
              "Smartpay-Event-Id": "evt_test_FuzzEvent0000000000000",
            }
            const signature = (ts: string, value: string) => {
              headers["Smartpay-Signature-Timestamp"] = ts
              headers["Smartpay-Signature"] = value
            }
            if (how === "other-secret")
              signature(fresh, sign("NotTheSigningSecretOfThisEndpoint0000", fresh))
            if (how === "stale") {
              const ts = String(now() - 3_600_000)
              signature(ts, sign(secret, ts))
            }
            if (how === "future") {
              const ts = String(now() + 3_600_000)
              signature(ts, sign(secret, ts))
            }
            if (how === "tampered") signature(fresh, sign(secret, fresh, `${raw}\n`))
            if (how === "subscription") {
              signature(fresh, sign(secret, fresh))
              headers["Smartpay-Subscription-Id"] = "webhookendpoint_someone_else"
            }
            if (how === "malformed") signature("yesterday", "not-hex")
            return { method: "POST", url: SMARTPAY_WEBHOOK, rawBody: raw, headers }
          })
        return [
          {
            route: `POST ${SMARTPAY_WEBHOOK}`,
            requests: fc.oneof(signedEvents, randomBodyRequest(fc.constant(SMARTPAY_WEBHOOK))),
          },
        ]
      },
    }
  },
}
