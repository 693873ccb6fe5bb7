import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../support/admin-api"
import { gatewayContract } from "../support/gateway-contract"
import { MARKETS } from "../support/market-taxes"
import { orderSummary, paymentState } from "../support/payment-state"
import { refundReportsHandled, webhooksHandled } from "../support/refund-outcomes"
import {
  postSmartpayWebhook,
  SMARTPAY,
  SMARTPAY_MERCHANT,
  smartpayContract,
  smartpayShop,
  smartpayWebhookUrl,
  useSmartpaySandbox,
} from "../support/smartpay-suite"
import { receiveReturn } from "../support/seed-order"
import { seedStorefront, Storefront } from "../support/storefront-seed"
import { completeStoreCart } from "../support/storefront-api"
import { checkRefundInputsAfterEachTest } from "../support/refund-inputs-agree"

jest.setTimeout(300_000)

const { sandbox } = useSmartpaySandbox()

/** the provider's default return URLs (descriptor.ts), from the default STOREFRONT_URL */
const STOREFRONT = process.env.STOREFRONT_URL || "http://localhost:8000"

/**
 * Smartpay end to end through Medusa's HTTP API, against the Smartpay sandbox over real HTTP: a
 * Japanese shop (JPY, whole yen; 10 % consumption tax, 8 % reduced rate for the book, included in
 * prices) whose storefront pays on Smartpay's hosted checkout, and whose staff capture, receive
 * returns and press the stock Refund button. What every gateway does is the contract's (at the
 * end); this is what is Smartpay's.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    checkRefundInputsAfterEachTest(getContainer)
    let admin: { headers: Record<string, string> }
    let store: Storefront
    const shop = smartpayShop({ api, getContainer, sandbox, context: () => ({ admin, store }) })
    const control = () => sandbox().control
    const liOf = (gatewayOrder: string, title: string) =>
      control()
        .order(gatewayOrder)!
        .lineItems.map((l) => (typeof l === "string" ? null : l))
        .find((l) => l?.price.product.name === title)!.id

    beforeEach(async () => {
      control().reset()
      control().setWebhookUrl(smartpayWebhookUrl())
      admin = await adminHeaders(getContainer())
      store = await seedStorefront(getContainer(), {
        paymentProviders: [SMARTPAY],
        taxInclusivePrices: true,
        market: MARKETS.jp,
        prices: { shirt: 2500, mug: 1210, book: 4000, shipping: 495 },
      })
    })

    it("checkout: Smartpay gets a checkout session from the server's cart in whole yen, the shopper pays, the order read authorises it and staff capture it", async () => {
      control().setAutoNotify(false)
      const { cart, session, orderId, checkoutSessionId, url } = await shop.checkout()
      expect(orderId).toMatch(/^order_test_[0-9a-zA-Z]{22}$/)
      expect(checkoutSessionId).toMatch(/^checkout_test_[0-9a-zA-Z]{22}$/)
      expect(url).toBe(`${sandbox().origin}/checkout/${checkoutSessionId}`)

      const [created] = shop.requests("POST", /^\/v1\/checkout-sessions$/)
      expect(created.headers.authorization).toBe("Basic [REDACTED]")
      expect(created.headers["idempotency-key"]).toMatch(
        new RegExp(`^checkout-${session.id}-[0-9a-f]{16}$`),
      )
      const lines = Object.fromEntries(cart.items.map((i: any) => [i.title, i.id]))
      // 2500 + 2 × 1210 + 495 shipping, tax included: integers, the items adding up
      expect(created.body).toEqual({
        amount: 5415,
        currency: "JPY",
        captureMethod: "manual",
        items: [
          {
            kind: "product",
            name: "Shirt",
            amount: 2500,
            currency: "JPY",
            quantity: 1,
            reference: lines.Shirt,
            metadata: { medusa_line_item_id: lines.Shirt },
          },
          {
            kind: "product",
            name: "Mug",
            amount: 1210,
            currency: "JPY",
            quantity: 2,
            reference: lines.Mug,
            metadata: { medusa_line_item_id: lines.Mug },
          },
        ],
        shippingInfo: {
          address: {
            line1: store.address.address_1,
            locality: store.address.city,
            administrativeArea: store.address.province,
            postalCode: store.address.postal_code,
            country: "JP",
          },
          feeAmount: 495,
          feeCurrency: "JPY",
        },
        customerInfo: expect.objectContaining({ emailAddress: "sam@example.com" }),
        successUrl: `${STOREFRONT}/checkout/smartpay/return?session_id=${session.id}`,
        cancelUrl: `${STOREFRONT}/checkout?session_id=${session.id}`,
        reference: session.id,
        metadata: { medusa_session_id: session.id, medusa_cart_id: cart.id },
      })
      expect(created.rawBody).toContain('"amount":5415,')

      // the shopper authorises on the hosted checkout and comes back with the session id
      const { redirectUrl } = control().pay(orderId, { outcome: "authorized" })
      expect(redirectUrl).toBe(`${STOREFRONT}/checkout/smartpay/return?session_id=${session.id}`)
      const readsBefore = shop.requests("GET", new RegExp(`^/v1/orders/${orderId}$`)).length
      const completed = await completeStoreCart(api, store, cart.id)
      expect(completed.type).toBe("order")
      // completing the cart read the order from Smartpay (never the shopper's word)
      const orderReads = shop.requests("GET", new RegExp(`^/v1/orders/${orderId}$`))
      expect(orderReads.length).toBeGreaterThan(readsBefore)
      expect(orderReads[orderReads.length - 1].query).toEqual({ expand: "all" })

      const order = (completed as { order: { id: string } }).order
      const {
        data: { order: withPayments },
      } = await api.get(`/admin/orders/${order.id}?fields=payment_collections.payments.*`, admin)
      const payment = withPayments.payment_collections[0].payments[0]
      expect(payment.captured_at).toBeNull()
      // the order's li_ ids are kept against the cart lines they came from
      expect(payment.data.smartpay).toMatchObject({
        order_id: orderId,
        status: "requires_capture",
        line_items: {
          [lines.Shirt]: liOf(orderId, "Shirt"),
          [lines.Mug]: liOf(orderId, "Mug"),
        },
      })

      await api.post(`/admin/payments/${payment.id}/capture`, {}, admin)
      const captures = shop.requests("POST", /^\/v1\/payments$/)
      expect(captures).toHaveLength(1)
      expect(captures[0].body).toEqual({
        order: orderId,
        amount: 5415,
        currency: "JPY",
        cancelRemainder: "automatic",
      })
      expect(captures[0].headers["idempotency-key"]).toBe(`capture-${orderId}-0-5415`)
      expect(control().order(orderId)).toMatchObject({ status: "succeeded" })
    })

    it("a return of part of an order is one POST /refunds in whole yen listing the returned line's li_ id, under the plan's logical key", async () => {
      const placed = await shop.capturedOrder()
      const { error, amount, returnId } = await shop.refundReturn(placed, [
        { id: placed.lines.Mug, quantity: 1 },
      ])
      expect(error).toBeNull()
      expect(amount).toBe(1210)

      const sent = shop.refundRequests(placed.gatewayOrder)
      expect(sent).toHaveLength(1)
      const [request] = sent
      expect(request.headers.authorization).toBe("Basic [REDACTED]")
      const key = request.headers["idempotency-key"]
      expect(key).toMatch(/^lr_[0-9a-f]{37}$/)
      const body = request.body as Record<string, any>
      expect(body).toEqual({
        payment: shop.paymentIds(placed.gatewayOrder)[0],
        amount: 1210,
        currency: "JPY",
        reason: "requested_by_customer",
        lineItems: [liOf(placed.gatewayOrder, "Mug")],
        description: expect.stringMatching(/^Return R-\d+: 1× Mug$/),
        reference: key,
        metadata: {
          medusa_refund_key: key,
          medusa_refund_part: "1",
          medusa_refund_id: expect.any(String),
          medusa_order_id: placed.orderId,
          medusa_return_id: returnId,
          medusa_plan_id: expect.any(String),
          smartpay_order: placed.gatewayOrder,
        },
      })
      expect(Array.from(body.description as string).length).toBeLessThanOrEqual(80)
      expect((body.reference as string).length).toBeLessThanOrEqual(40)
      expect(request.rawBody).toContain('"amount":1210,')

      const { refunds, entries } = await paymentState(getContainer(), placed.paymentId)
      const [atSmartpay] = shop.smartpayRefunds(placed.gatewayOrder)
      expect(atSmartpay).toMatchObject({ status: "succeeded", amount: 1210, reference: key })
      expect(body.metadata.medusa_refund_id).toBe(refunds[0].id)
      expect(entries).toEqual([
        expect.objectContaining({
          refund_id: refunds[0].id,
          status: "succeeded",
          kind: "lines",
          idempotency_key: key,
          gateway_reference: atSmartpay.id,
          units: [expect.objectContaining({ line_item_id: placed.lines.Mug, quantity: 1 })],
        }),
      ])
      expect(-(await orderSummary(api, admin, placed.orderId)).pending_difference).toBeCloseTo(
        0,
        10,
      )
    })

    it("lineItems: with a book (8 % reduced rate) in the order, a returned Mug lists only the Mug's li_ id", async () => {
      const placed = await shop.capturedOrder({ items: { shirt: 1, mug: 2, book: 1 } })
      const { error, amount } = await shop.refundReturn(placed, [
        { id: placed.lines.Mug, quantity: 2 },
      ])
      expect(error).toBeNull()
      expect(amount).toBe(2420)
      const [request] = shop.refundRequests(placed.gatewayOrder)
      expect(request.body).toMatchObject({
        amount: 2420,
        lineItems: [liOf(placed.gatewayOrder, "Mug")],
        description: expect.stringMatching(/: 2× Mug$/),
      })
      // then the book: only its own id, and the amount with its reduced-rate tax included
      const book = await shop.refundReturn(placed, [{ id: placed.lines.Book, quantity: 1 }])
      expect(book.error).toBeNull()
      expect(book.amount).toBe(4000)
      const [, second] = shop.refundRequests(placed.gatewayOrder)
      expect(second.body).toMatchObject({
        amount: 4000,
        lineItems: [liOf(placed.gatewayOrder, "Book")],
      })
    })

    it("the reason: the Medusa refund reason staff choose travels in the plan, so one listed in fraudulentReasonCodes is sent as fraudulent, any other as requested_by_customer", async () => {
      const placed = await shop.capturedOrder()
      // a Medusa refund reason chosen by staff: "fraud" is in SMARTPAY_FRAUDULENT_REASON_CODES
      const {
        data: { refund_reason: reason },
      } = await api.post(
        "/admin/refund-reasons",
        { label: "fraud", code: "fraud", description: "Fraud" },
        admin,
      )
      await receiveReturn(api, admin, placed.orderId, [{ id: placed.lines.Shirt, quantity: 1 }])
      const owed = await shop.owed(placed.orderId)
      await api.post(
        `/admin/payments/${placed.paymentId}/refund`,
        { amount: owed, refund_reason_id: reason.id, note: "fraud" },
        admin,
      )
      const [request] = shop.refundRequests(placed.gatewayOrder)
      expect(request.body).toMatchObject({ reason: "fraudulent", amount: 2500 })

      // another reason (not in the option) on the next return: the default
      const {
        data: { refund_reason: damaged },
      } = await api.post(
        "/admin/refund-reasons",
        { label: "Damaged", code: "damaged", description: "Arrived damaged" },
        admin,
      )
      await receiveReturn(api, admin, placed.orderId, [{ id: placed.lines.Mug, quantity: 1 }])
      await api.post(
        `/admin/payments/${placed.paymentId}/refund`,
        { amount: await shop.owed(placed.orderId), refund_reason_id: damaged.id },
        admin,
      )
      const [, second] = shop.refundRequests(placed.gatewayOrder)
      expect(second.body).toMatchObject({ reason: "requested_by_customer", amount: 1210 })
    })

    it("an order captured in two payments: a refund larger than the first payment's remainder is split, <key> then <key>-p2, and recorded as one refund", async () => {
      // 5415 captured as 2000 in Smartpay's dashboard, then the remaining 3415 by Medusa
      const placed = await shop.capturedOrder({ dashboardCaptures: [2000] })
      const payments = control().order(placed.gatewayOrder)!.payments as any[]
      expect(payments.map((p) => p.amount)).toEqual([2000, 3415])
      expect(shop.requests("POST", /^\/v1\/payments$/)).toHaveLength(1)

      const { error, amount } = await shop.refundReturn(placed, [
        { id: placed.lines.Shirt, quantity: 1 },
        { id: placed.lines.Mug, quantity: 1 },
      ])
      expect(error).toBeNull()
      expect(amount).toBe(3710)
      const sent = shop.refundRequests(placed.gatewayOrder)
      expect(sent).toHaveLength(2)
      const key = sent[0].headers["idempotency-key"]
      expect(key).toMatch(/^lr_[0-9a-f]{37}$/)
      expect(sent.map((r) => r.headers["idempotency-key"])).toEqual([key, `${key}-p2`])
      const lineItems = [liOf(placed.gatewayOrder, "Mug"), liOf(placed.gatewayOrder, "Shirt")]
      // each part lists the returned lines its payment covers: both payments cover every line
      for (const r of sent) {
        expect([...(r.body as { lineItems: string[] }).lineItems].sort()).toEqual(
          [...lineItems].sort(),
        )
      }
      // oldest payment first, all it has left; the rest from the second; the same reference
      expect(sent.map((r) => r.body)).toEqual([
        expect.objectContaining({
          payment: payments[0].id,
          amount: 2000,
          reference: key,
          metadata: expect.objectContaining({ medusa_refund_key: key, medusa_refund_part: "1" }),
        }),
        expect.objectContaining({
          payment: payments[1].id,
          amount: 1710,
          reference: key,
          metadata: expect.objectContaining({ medusa_refund_key: key, medusa_refund_part: "2" }),
        }),
      ])
      const atSmartpay = shop.smartpayRefunds(placed.gatewayOrder)
      expect(atSmartpay.map((r) => [r.payment, r.amount, r.status])).toEqual([
        [payments[0].id, 2000, "succeeded"],
        [payments[1].id, 1710, "succeeded"],
      ])
      const { refunds, entries } = await paymentState(getContainer(), placed.paymentId)
      expect(refunds).toEqual([expect.objectContaining({ amount: 3710 })])
      expect(entries).toEqual([
        expect.objectContaining({
          refund_id: refunds[0].id,
          status: "succeeded",
          idempotency_key: key,
          gateway_reference: `${atSmartpay[0].id}+${atSmartpay[1].id}`,
        }),
      ])
      expect(-(await orderSummary(api, admin, placed.orderId)).pending_difference).toBeCloseTo(
        0,
        10,
      )
    })

    it("an answer lost after Smartpay made the refund, which its listing does not show yet: the repeat carries the same Idempotency-Key and body, Smartpay replays its answer, and there is exactly one refund", async () => {
      const placed = await shop.capturedOrder()
      // the payment's refund list lags behind: the provider's re-check cannot see the refund, so
      // it sends the request once more under the same key
      control().setRefundListingDelay(60_000)
      control().failNext({ method: "POST", path: "/v1/refunds", kind: "lost_response" })
      const { error } = await shop.refundReturn(placed, [{ id: placed.lines.Shirt, quantity: 1 }])
      expect(error).toBeNull()
      const sent = shop.refundRequests(placed.gatewayOrder)
      expect(sent.map((r) => [r.fault, r.processedStatus, r.responseStatus])).toEqual([
        ["lost_response", 200, null],
        [null, 200, 200],
      ])
      expect(sent[1].headers["idempotency-key"]).toBe(sent[0].headers["idempotency-key"])
      expect(sent[1].rawBody).toBe(sent[0].rawBody)
      const [refund] = shop.smartpayRefunds(placed.gatewayOrder)
      expect(shop.smartpayRefunds(placed.gatewayOrder)).toHaveLength(1)

      // the key holds the first answer: the same request again is Smartpay's replay of it
      const replay = await fetch(`${sandbox().apiUrl}/refunds`, {
        method: "POST",
        headers: {
          authorization: `Basic ${SMARTPAY_MERCHANT.secretKey}`,
          "content-type": "application/json",
          "idempotency-key": sent[0].headers["idempotency-key"],
        },
        body: sent[0].rawBody,
      })
      expect(replay.status).toBe(200)
      expect(replay.headers.get("idempotency-replayed")).toBe("true")
      expect(((await replay.json()) as { id: string }).id).toBe(refund.id)
      expect(shop.smartpayRefunds(placed.gatewayOrder)).toHaveLength(1)
      control().setRefundListingDelay(0)

      const { refunds, entries } = await paymentState(getContainer(), placed.paymentId)
      expect(refunds).toHaveLength(1)
      expect(entries).toEqual([
        expect.objectContaining({ status: "succeeded", gateway_reference: refund.id }),
      ])
    })

    it("a refund Smartpay refuses our key for (401) reaches staff as a credentials problem: nothing is refunded or recorded", async () => {
      const placed = await shop.capturedOrder()
      control().failNext({ method: "POST", path: "/v1/refunds", kind: "http_401" })
      const { error, amount } = await shop.refundReturn(placed, [
        { id: placed.lines.Shirt, quantity: 1 },
      ])
      // a setting to fix, not a server fault: 400 with what to do
      expect(error.status).toBe(400)
      expect(error.data.message).toContain("Smartpay refused the store's credentials")
      expect(shop.refundRequests(placed.gatewayOrder)).toHaveLength(1)
      expect(shop.smartpayRefunds(placed.gatewayOrder)).toHaveLength(0)
      const { refunds, entries } = await paymentState(getContainer(), placed.paymentId)
      expect(refunds).toHaveLength(0)
      expect(entries.filter((e) => e.status !== "failed")).toHaveLength(0)
      expect(await shop.owed(placed.orderId)).toBe(amount)
    })

    it("a webhook with a bad signature and one signed an hour ago change nothing and make the store read nothing", async () => {
      const placed = await shop.capturedOrder()
      const { error } = await shop.refundReturn(placed, [{ id: placed.lines.Mug, quantity: 1 }])
      expect(error).toBeNull()
      const before = await paymentState(getContainer(), placed.paymentId)
      const reads = shop.reads().length
      const [refund] = shop.smartpayRefunds(placed.gatewayOrder)
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
      expect(shop.reads()).toHaveLength(reads)
      expect(await paymentState(getContainer(), placed.paymentId)).toEqual(before)
    })

    it("a genuine refund.created for a dashboard refund is re-read and recorded once; its replay changes nothing", async () => {
      const placed = await shop.capturedOrder()
      const refund = control().dashboardRefund(placed.gatewayOrder, { amount: 1210 })
      const reads = shop.reads().length
      const handled = refundReportsHandled(getContainer())
      const delivered = await control().notify("refund.created", refund.id)
      expect(delivered.outcome).toBe("delivered")
      await handled
      expect(shop.reads().length).toBeGreaterThan(reads)
      const recorded = await paymentState(getContainer(), placed.paymentId)
      expect(recorded.refunds).toEqual([expect.objectContaining({ amount: 1210 })])
      expect(recorded.entries).toEqual([
        expect.objectContaining({
          refund_id: recorded.refunds[0].id,
          status: "succeeded",
          source: "gateway_report",
          kind: "amount",
          gateway_reference: refund.id,
        }),
      ])
      expect(shop.refundRequests(placed.gatewayOrder)).toHaveLength(0)

      const replayed = refundReportsHandled(getContainer())
      await control().notify("refund.created", refund.id)
      await replayed
      expect(await paymentState(getContainer(), placed.paymentId)).toEqual(recorded)
    })

    gatewayContract(
      () => smartpayContract({ api, getContainer, sandbox, shop, admin: () => admin }),
      {
        refundFaults: [
          "http_500",
          "http_503",
          // no "http_401": Smartpay's key is static (no token to renew), so a 401 is the store's
          // configuration, not a fault to retry (tested above)
          "http_429",
          "timeout",
          "connection_reset",
          "lost_response",
          "error_after_processing",
          "malformed",
        ],
      },
    )
  },
})
