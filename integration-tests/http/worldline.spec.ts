import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../support/admin-api"
import { gatewayContract } from "../support/gateway-contract"
import { waitFor } from "../support/gateway-suite"
import { MARKETS } from "../support/market-taxes"
import { orderSummary, paymentState } from "../support/payment-state"
import { refundReportsHandled, webhooksHandled } from "../support/refund-outcomes"
import { seedStorefront, Storefront } from "../support/storefront-seed"
import { completeStoreCart } from "../support/storefront-api"
import {
  PAYOUT_METHOD,
  useWorldlineSandbox,
  WORLDLINE,
  WORLDLINE_MERCHANT,
  WORLDLINE_WEBHOOK,
  worldlineContract,
  worldlineNotificationUrl,
  worldlineShop,
} from "../support/worldline-suite"
import { checkRefundInputsAfterEachTest } from "../support/refund-inputs-agree"

jest.setTimeout(300_000)

const { sandbox } = useWorldlineSandbox()
const MID = WORLDLINE_MERCHANT.merchantId

/** Tests named "… JPY …" run in the Japanese shop (yen have no decimals); the rest in Belgium. */
const inJapan = () => /\bJPY\b/.test(expect.getState().currentTestName ?? "")

/**
 * Worldline One Commerce Hub end to end through Medusa's HTTP API, against the Worldline sandbox
 * over real HTTP: a Belgian shop (EUR, 21 % VAT included in prices) whose storefront pays on
 * Worldline's hosted page, and whose staff capture, receive returns and press the stock Refund
 * button. What every gateway does is the contract's (at the end); this is what is Worldline's.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    checkRefundInputsAfterEachTest(getContainer)
    let admin: { headers: Record<string, string> }
    let store: Storefront
    const shop = worldlineShop({ api, getContainer, sandbox, context: () => ({ admin, store }) })
    const rawRefunds = (gatewayOrder: string) =>
      shop.refundRequests(gatewayOrder).map((r) => r.rawBody)

    beforeEach(async () => {
      sandbox().control.reset()
      sandbox().control.setNotificationUrl(worldlineNotificationUrl())
      admin = await adminHeaders(getContainer())
      store = await seedStorefront(getContainer(), {
        paymentProviders: [WORLDLINE],
        taxInclusivePrices: true,
        ...(inJapan()
          ? { market: MARKETS.jp, prices: { shirt: 2500, mug: 1210, book: 4000, shipping: 495 } }
          : { market: MARKETS.be }),
      })
    })

    it("checkout: Worldline gets an order from the server's cart, the shopper pays on the hosted page, the order read authorises it and staff capture it", async () => {
      sandbox().control.setAutoNotify(false)
      const { cart, session, orderId, redirectUrl } = await shop.checkout()
      expect(orderId).toBe(session.id)
      expect(redirectUrl).toMatch(new RegExp(`^${sandbox().origin}/pay/\\?creq=`))
      const [created] = shop.requests("POST", new RegExp(`/orders/${orderId}$`))
      expect(created.path).toBe(`/api/v2/merchants/${MID}/orders/${orderId}`)
      expect(created.headers.authorization).toBe("Bearer [REDACTED]")
      // 25.00 + 2 × 12.10 + 4.95 shipping, VAT included: exact decimals, lines adding up
      expect(created.rawBody).toContain('"amount":{"amount":54.15,"currency":"EUR"}')
      expect(created.body).toMatchObject({
        transactionChannel: "Web Online",
        paymentMethodId: 1000,
        autoCapture: false,
        lineItems: [
          expect.objectContaining({ description: "Shirt", quantity: 1, totalAmount: 25 }),
          expect.objectContaining({ description: "Mug", quantity: 2, totalAmount: 24.2 }),
          expect.objectContaining({ quantity: 1, totalAmount: 4.95 }),
        ],
      })
      // every call carries a token for its own method and path
      const tokens = shop.requests("POST", /\/oauth2\/tokens$/)
      expect(tokens.length).toBeGreaterThan(0)
      expect(JSON.stringify(tokens)).not.toMatch(/eyJ[\w-]+\.[\w-]+\./) // no assertion in the log

      // a storefront cannot choose a method the store does not offer
      const refused = await shop.checkout({ payment_method_id: 4242 }).catch((e) => e.response)
      expect(refused.status).toBe(400)

      sandbox().control.pay(orderId, { outcome: "authorized" })
      const completed = await completeStoreCart(api, store, cart.id)
      expect(completed.type).toBe("order")
      const order = (completed as { order: { id: string } }).order
      const {
        data: { order: withPayments },
      } = await api.get(`/admin/orders/${order.id}?fields=payment_collections.payments.*`, admin)
      const payment = withPayments.payment_collections[0].payments[0]
      expect(payment.captured_at).toBeNull()
      await api.post(`/admin/payments/${payment.id}/capture`, {}, admin)
      const captures = shop.requests("POST", /\/captures$/)
      expect(captures).toHaveLength(1)
      expect(captures[0].body).toEqual({ requestId: expect.any(String) }) // no amount: all of it
      expect(sandbox().control.order(orderId)).toMatchObject({ orderState: "Paid" })
    })

    it("a received return refunded with the stock Refund button is one Worldline refund of the plan's amount under its logical key; the lines stay in the ledger", async () => {
      const placed = await shop.capturedOrder()
      const { error, amount } = await shop.refundReturn(placed, [
        { id: placed.lines.Shirt, quantity: 1 },
      ])
      expect(error).toBeNull()
      expect(amount).toBe(25)

      const [sent] = shop.refundRequests(placed.gatewayOrder)
      expect(sent.path).toBe(`/api/v2/merchants/${MID}/orders/${placed.gatewayOrder}/refunds`)
      expect(sent.headers.authorization).toBe("Bearer [REDACTED]")
      const requestId = (sent.body as { requestId: string }).requestId
      expect(requestId).toMatch(/^lr_[0-9a-f]{37}$/)
      // exactly this body: major units written to the currency's two decimals, one capture so
      // refunded by order, nothing else (Worldline's refund carries no lines)
      expect(sent.rawBody).toBe(
        `{"requestId":"${requestId}","amount":{"amount":25.00,"currency":"EUR"}}`,
      )
      const { refunds, entries } = await paymentState(getContainer(), placed.paymentId)
      const [credit] = shop.worldlineRefunds(placed.gatewayOrder)
      expect(credit).toMatchObject({ transactionType: "Credit", state: "Processed", requestId })
      expect(entries).toEqual([
        expect.objectContaining({
          refund_id: refunds[0].id,
          status: "succeeded",
          kind: "lines",
          idempotency_key: requestId,
          gateway_reference: credit.transactionId,
          units: [expect.objectContaining({ line_item_id: placed.lines.Shirt, quantity: 1 })],
        }),
      ])
      expect(sandbox().control.order(placed.gatewayOrder)).toMatchObject({
        refundedAmount: { amount: 25, currency: "EUR" },
      })
      expect(-(await orderSummary(api, admin, placed.orderId)).pending_difference).toBeCloseTo(
        0,
        10,
      )
    })

    it("in JPY the refund is sent in whole yen, without decimals", async () => {
      const placed = await shop.capturedOrder()
      const { error, amount } = await shop.refundReturn(placed, [
        { id: placed.lines.Mug, quantity: 1 },
      ])
      expect(error).toBeNull()
      expect(amount).toBe(1210)
      const [raw] = rawRefunds(placed.gatewayOrder)
      expect(raw).toMatch(
        /^\{"requestId":"lr_[0-9a-f]{37}","amount":\{"amount":1210,"currency":"JPY"\}\}$/,
      )
      expect(shop.worldlineRefunds(placed.gatewayOrder)).toMatchObject([
        { state: "Processed", amount: "1210" },
      ])
    })

    it("an order captured twice: a refund no capture covers is spread over both and recorded as one; a smaller one names the capture that covers it", async () => {
      // 54.15 captured as 20.00 in Worldline's portal, then the remaining 34.15 by Medusa
      const placed = await shop.capturedOrder({ portalCaptures: ["20.00"] })
      const captures = sandbox()
        .control.order(placed.gatewayOrder)!
        .transactions.filter((t: any) => t.transactionType === "Capture")
      expect(captures).toHaveLength(2)

      const first = await shop.refundReturn(placed, [
        { id: placed.lines.Shirt, quantity: 1 },
        { id: placed.lines.Mug, quantity: 1 },
      ])
      expect(first.error).toBeNull()
      expect(first.amount).toBe(37.1)
      const credits = shop.worldlineRefunds(placed.gatewayOrder)
      // Worldline spreads it oldest capture first: 20.00, then 17.10
      expect(credits.map((c: any) => [c.referenceTransactionId, c.amount])).toEqual([
        [captures[0].transactionId, "20.00"],
        [captures[1].transactionId, "17.10"],
      ])
      expect(JSON.parse(rawRefunds(placed.gatewayOrder)[0]!)).not.toHaveProperty("transactionId")
      const afterFirst = await paymentState(getContainer(), placed.paymentId)
      expect(afterFirst.entries).toEqual([
        expect.objectContaining({
          status: "succeeded",
          gateway_reference: `${credits[0].transactionId}+${credits[1].transactionId}`,
        }),
      ])

      // 12.10 fits in what is left of the second capture (17.05): refunded against it alone
      const second = await shop.refundReturn(placed, [{ id: placed.lines.Mug, quantity: 1 }])
      expect(second.error).toBeNull()
      const [, raw] = rawRefunds(placed.gatewayOrder)
      expect(JSON.parse(raw!)).toMatchObject({ transactionId: captures[1].transactionId })
      expect(shop.worldlineRefunds(placed.gatewayOrder)).toHaveLength(3)
      expect(sandbox().control.order(placed.gatewayOrder)).toMatchObject({
        refundedAmount: { amount: 49.2 },
      })
    })

    it("a payout refund is pending until the consumer's payout is made, then settled by Worldline's notification", async () => {
      const placed = await shop.capturedOrder({ data: { payment_method_id: PAYOUT_METHOD } })
      const { error } = await shop.refundReturn(placed, [{ id: placed.lines.Shirt, quantity: 1 }])
      expect(error).toBeNull()
      const [payout] = shop.worldlineRefunds(placed.gatewayOrder)
      expect(payout).toMatchObject({ transactionType: "Payout", state: "Registered" })
      const pending = await paymentState(getContainer(), placed.paymentId)
      expect(pending.entries).toEqual([expect.objectContaining({ status: "pending" })])
      expect(pending.refunds).toHaveLength(1) // owed no more while the payout is on its way

      sandbox().control.settleRefund(placed.gatewayOrder, payout.transactionId, {
        state: "Processed",
      })
      const handled = refundReportsHandled(getContainer())
      await sandbox().control.notify(placed.gatewayOrder)
      await handled
      const settled = await paymentState(getContainer(), placed.paymentId)
      expect(settled.entries).toEqual([expect.objectContaining({ status: "succeeded" })])
    })

    it("a payout Worldline declines is undone: the order owes the customer again, with Worldline's reason", async () => {
      const placed = await shop.capturedOrder({ data: { payment_method_id: PAYOUT_METHOD } })
      const { error, amount } = await shop.refundReturn(placed, [
        { id: placed.lines.Shirt, quantity: 1 },
      ])
      expect(error).toBeNull()
      const [payout] = shop.worldlineRefunds(placed.gatewayOrder)
      sandbox().control.settleRefund(placed.gatewayOrder, payout.transactionId, {
        state: "Declined",
        description: "The consumer gave no account details in time",
      })
      const handled = refundReportsHandled(getContainer())
      await sandbox().control.notify(placed.gatewayOrder)
      await handled
      const undone = await paymentState(getContainer(), placed.paymentId)
      expect(undone.refunds).toHaveLength(0)
      expect(undone.entries).toEqual([
        expect.objectContaining({
          status: "failed",
          failure_reason: expect.stringContaining("The consumer gave no account details in time"),
        }),
      ])
      expect(-(await orderSummary(api, admin, placed.orderId)).pending_difference).toBeCloseTo(
        amount,
        10,
      )
    })

    it.each([
      ["dropped", undefined],
      // held past the provider's 3 s timeout: the answer comes too late to be heard
      ["timed out", 5_000],
    ])(
      "an answer %s after Worldline made the refund: the same body is sent again under the same requestId and there is exactly one credit",
      async (_how, holdMs) => {
        const placed = await shop.capturedOrder()
        sandbox().control.failNext({
          method: "POST",
          path: `/merchants/${MID}/orders/${placed.gatewayOrder}/refunds`,
          kind: "lost_response",
          holdMs,
        })
        const { error } = await shop.refundReturn(placed, [{ id: placed.lines.Shirt, quantity: 1 }])
        expect(error).toBeNull()
        const sent = shop.refundRequests(placed.gatewayOrder)
        expect(sent.map((r) => [r.fault, r.responseStatus])).toEqual([
          ["lost_response", null],
          [null, 200],
        ])
        expect(sent[1].rawBody).toBe(sent[0].rawBody)
        expect(shop.worldlineRefunds(placed.gatewayOrder)).toHaveLength(1)
        const { refunds, entries } = await paymentState(getContainer(), placed.paymentId)
        expect(refunds).toHaveLength(1)
        expect(entries).toEqual([expect.objectContaining({ status: "succeeded" })])
      },
    )

    it("a refund that timed out before Worldline acted is repeated under the same requestId: one credit", async () => {
      const placed = await shop.capturedOrder()
      sandbox().control.failNext({
        method: "POST",
        path: `/merchants/${MID}/orders/${placed.gatewayOrder}/refunds`,
        kind: "timeout",
        holdMs: 5_000,
      })
      const { error } = await shop.refundReturn(placed, [{ id: placed.lines.Shirt, quantity: 1 }])
      expect(error).toBeNull()
      const sent = shop.refundRequests(placed.gatewayOrder)
      // held before Worldline acted: the repeat is the first it processes (201, not a replay's 200)
      expect(sent.map((r) => r.responseStatus)).toEqual([null, 201])
      expect(sent[1].rawBody).toBe(sent[0].rawBody)
      expect(shop.worldlineRefunds(placed.gatewayOrder)).toHaveLength(1)
    })

    it("Worldline's refusal reaches staff in its own words with its status code, and nothing changes", async () => {
      const placed = await shop.capturedOrder()
      // Worldline's portal refunds 40.00 that Medusa does not know of (no notification)
      sandbox().control.dashboardRefund(placed.gatewayOrder, { amount: "40.00" })
      const over = await shop.refundReturn(placed, [{ id: placed.lines.Shirt, quantity: 1 }])
      expect(over.error.status).toBe(400)
      expect(over.error.data.message).toContain("Worldline refused the refund")
      expect(over.error.data.message).toContain("22041")
      const { refunds, entries } = await paymentState(getContainer(), placed.paymentId)
      expect(refunds).toHaveLength(0)
      expect(entries.filter((e) => e.status !== "failed")).toHaveLength(0)
      expect(sandbox().control.order(placed.gatewayOrder)).toMatchObject({
        refundedAmount: { amount: 40 },
      })
    })

    it("an access token that expires mid-flow is refused once, fetched anew, and the refund goes through", async () => {
      const placed = await shop.capturedOrder()
      // every token lapses at Worldline while the provider's cache still holds them
      expect(sandbox().control.expireTokens()).toBeGreaterThan(0)
      const mark = sandbox().control.requests().length
      const { error } = await shop.refundReturn(placed, [{ id: placed.lines.Mug, quantity: 2 }])
      expect(error).toBeNull()
      const after = sandbox().control.requests().slice(mark)
      const [refused, token, repeated] = after
      expect([refused.method, refused.responseStatus]).toEqual(["GET", 401])
      expect([token.path, token.responseStatus]).toEqual(["/api/v2/oauth2/tokens", 200])
      expect([repeated.path, repeated.responseStatus]).toEqual([refused.path, 200])
      const answered = shop
        .refundRequests(placed.gatewayOrder)
        .filter((r) => r.responseStatus === 201)
      expect(answered).toHaveLength(1)
      expect(shop.worldlineRefunds(placed.gatewayOrder)).toHaveLength(1)
    })

    it("a notification without the URL's secret makes the store read nothing; one with it is only a pointer to re-read", async () => {
      const placed = await shop.capturedOrder()
      const reads = () => shop.requests("GET", new RegExp(`/orders/${placed.gatewayOrder}$`)).length
      const before = reads()
      const body = {
        notifications: [
          {
            orderId: placed.gatewayOrder,
            orderState: "Cancelled",
            links: [
              {
                rel: "self",
                href: `/v2/merchants/${MID}/orders/${encodeURIComponent(placed.gatewayOrder)}`,
              },
            ],
          },
        ],
      }
      const handled = webhooksHandled(getContainer(), 2)
      await api.post(WORLDLINE_WEBHOOK, body)
      await api.post(`${WORLDLINE_WEBHOOK}?token=not-the-secret-but-as-long-as-it`, body)
      await handled
      expect(reads()).toBe(before)

      const pointer = webhooksHandled(getContainer())
      await api.post(`${WORLDLINE_WEBHOOK}?token=${WORLDLINE_MERCHANT.notificationToken}`, body)
      await pointer
      await waitFor("the order re-read", async () => reads() > before)
      // the body said "Cancelled"; Worldline says Paid: the payment stays captured
      const {
        data: { order },
      } = await api.get(
        `/admin/orders/${placed.orderId}?fields=payment_collections.payments.*`,
        admin,
      )
      const payment = order.payment_collections[0].payments[0]
      expect(payment.canceled_at).toBeNull()
      expect(payment.captured_at).not.toBeNull()
    })

    gatewayContract(
      () => worldlineContract({ api, getContainer, sandbox, shop, admin: () => admin }),
      {
        refundFaults: [
          "http_500",
          "http_401",
          "http_429",
          "timeout",
          "lost_response",
          "error_after_processing",
          "malformed",
        ],
      },
    )
  },
})
