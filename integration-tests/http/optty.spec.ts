import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../support/admin-api"
import { MARKETS } from "../support/market-taxes"
import { OPTTY, opttyContract, opttyShop, useOpttySandbox } from "../support/optty-suite"
import { orderSummary, paymentState } from "../support/payment-state"
import { webhooksHandled } from "../support/refund-outcomes"
import { gatewayContract } from "../support/gateway-contract"
import { seedStorefront, Storefront } from "../support/storefront-seed"
import { completeStoreCart } from "../support/storefront-api"
import { checkRefundInputsAfterEachTest } from "../support/refund-inputs-agree"

jest.setTimeout(300_000)

const { sandbox } = useOpttySandbox()

/**
 * Optty end to end through Medusa's HTTP API, against the Optty sandbox over real HTTP: an
 * Australian shop (AUD, 10 % GST included in prices) whose storefront pays with Optty, and whose
 * staff capture, receive returns and press the stock Refund button.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    checkRefundInputsAfterEachTest(getContainer)
    let admin: { headers: Record<string, string> }
    let store: Storefront
    const shop = opttyShop({ api, getContainer, sandbox, context: () => ({ admin, store }) })

    beforeEach(async () => {
      sandbox().control.reset()
      admin = await adminHeaders(getContainer())
      store = await seedStorefront(getContainer(), {
        paymentProviders: [OPTTY],
        taxInclusivePrices: true,
        market: MARKETS.au,
      })
    })

    it("checkout: Optty gets an order that adds up, the shopper's return is trusted only with a valid hash, and staff capture it", async () => {
      sandbox().control.setAutoNotify(false)
      const { cart, session, reference } = await shop.checkout()
      expect(reference).toBe(session.id)
      expect(session.data.redirect_url).toBe(`${sandbox().origin}/pay/${reference}`)
      // 25.00 + 2 × 12.10 + 4.95 shipping, GST included: 22.73 + 22.00 + 4.50 ex GST, GST 4.92
      expect(sandbox().control.order(reference)!.request).toEqual({
        orderReference: reference,
        bnplProvider: "KLARNA_AU",
        purchaseCountry: "AU",
        purchaseCurrency: "AUD",
        locale: "en-AU",
        orderAmount: 54.15,
        orderItems: [
          { name: "Shirt", quantity: 1, sku: "SHIRT-1", unitPrice: 22.73, totalAmount: 22.73 },
          { name: "Mug", quantity: 2, sku: "MUG-1", unitPrice: 11, totalAmount: 22 },
        ],
        taxAmount: 4.92,
        shippingAmount: 4.5,
        discountAmount: 0,
        customer: {
          firstName: "Sam",
          lastName: "Citizen",
          email: "sam@example.com",
          phone: "+61299990000",
        },
        billingAddress: expect.objectContaining({ line1: "1 George St", country: "AU" }),
        shippingAddress: expect.objectContaining({ postcode: "2000", state: "NSW" }),
        dynamicRedirectUrl: "http://localhost:8000/checkout/optty/return",
        dynamicCallbackUrl: `http://localhost:${process.env.PORT}/hooks/payment/optty_optty`,
      })

      // A storefront cannot choose a method the store does not offer.
      const refused = await shop.checkout({ bnpl_provider: "AFTERPAY_AU" }).catch((e) => e.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain('Optty BNPL provider "AFTERPAY_AU" is not offered')

      // The shopper comes back: a return whose hash does not match changes nothing.
      const { redirectUrl } = sandbox().control.pay(reference)
      const forged = new URL(redirectUrl)
      forged.searchParams.set("status", "SUCCESSFUL")
      forged.searchParams.set("hash", "ab".repeat(64))
      const rejected = await shop.shopperReturns(cart.id, forged.toString())
      expect(rejected.status).toBe(400)
      expect(rejected.body.message).toBe("Optty return refused: the result hash does not match")
      const otherCart = await shop.shopperReturns("cart_unknown", redirectUrl)
      expect(otherCart.status).toBe(404)

      const returned = await shop.shopperReturns(cart.id, redirectUrl)
      expect(returned).toEqual({
        status: 200,
        body: {
          payment_session: { id: session.id, status: "pending" },
          result: "SUCCESSFUL",
          gateway_status: "SUCCESSFUL",
        },
      })

      const completed = await completeStoreCart(api, store, cart.id)
      expect(completed.type).toBe("order")
      const order = (completed as { order: { id: string } }).order
      const {
        data: { order: withPayments },
      } = await api.get(`/admin/orders/${order.id}?fields=payment_collections.payments.*`, admin)
      const payment = withPayments.payment_collections[0].payments[0]
      expect(payment.captured_at).toBeNull()

      const partial = await api
        .post(`/admin/payments/${payment.id}/capture`, { amount: 10 }, admin)
        .catch((e: any) => e.response)
      expect(partial.status).toBe(400)
      await api.post(`/admin/payments/${payment.id}/capture`, {}, admin)
      expect(shop.requests("POST", /\/capture$/).map((r) => r.body)).toEqual([
        {
          captureReference: `${reference}-capture-1`,
          description: expect.any(String),
          amount: 54.15,
        },
      ])
      // capturing again reads Optty first and captures nothing twice
      const again = await api
        .post(`/admin/payments/${payment.id}/capture`, {}, admin)
        .catch((e: any) => e.response)
      expect(again.status).toBeGreaterThanOrEqual(200)
      expect(shop.requests("POST", /\/capture$/)).toHaveLength(1)
    })

    it("a received return refunded with the stock Refund button becomes one Optty refund naming the return's lines", async () => {
      const placed = await shop.capturedOrder()
      const { error, amount, returnDisplayId } = await shop.refundReturn(placed, [
        { id: placed.lines.Shirt, quantity: 1 },
      ])
      expect(error).toBeNull()
      expect(amount).toBe(25)

      const [sent] = shop.refundRequests()
      expect(sent.path).toBe(`/api/orders/${placed.reference}/refund`)
      expect(sent.headers.authorization).toBe("Bearer [REDACTED]")
      expect(sent.body).toEqual({
        refundReference: expect.stringMatching(/^lr_[0-9a-f]{37}$/),
        refundAmount: { amount: 25, currency: "AUD" },
        refundDescription: `Return RET-${returnDisplayId}: 1× Shirt`,
        isActivatedViaOAuth: false,
      })
      const reference = (sent.body as { refundReference: string }).refundReference
      const { refunds, entries } = await paymentState(getContainer(), placed.paymentId)
      expect(refunds).toEqual([{ id: expect.any(String), amount: 25 }])
      expect(entries).toEqual([
        expect.objectContaining({
          refund_id: refunds[0].id,
          status: "succeeded",
          kind: "lines",
          gateway_reference: `${reference}-00`,
          idempotency_key: reference,
          units: [
            expect.objectContaining({
              line_item_id: placed.lines.Shirt,
              quantity: 1,
              amount: "25",
            }),
          ],
        }),
      ])
      expect(shop.opttyRefunds(placed.reference)).toMatchObject([
        { amountCents: 2500, status: "SUCCESSFUL", sentReference: reference },
      ])
      expect(await shop.owed(placed.orderId)).toBeCloseTo(0, 10)
    })

    it("partial refunds repeat up to what Optty holds; beyond it Optty's own message reaches staff and nothing changes", async () => {
      const placed = await shop.capturedOrder()
      expect(
        (await shop.refundReturn(placed, [{ id: placed.lines.Shirt, quantity: 1 }])).error,
      ).toBeNull()
      expect(
        (await shop.refundReturn(placed, [{ id: placed.lines.Mug, quantity: 1 }])).error,
      ).toBeNull()
      // Optty's portal refunds 10.00 that Medusa does not know of (no webhook)
      sandbox().control.dashboardRefund(placed.reference, { amount: "10.00" })

      const over = await shop.refundReturn(placed, [{ id: placed.lines.Mug, quantity: 1 }])
      expect(over.amount).toBe(12.1)
      expect(over.error.status).toBe(400)
      expect(over.error.data.message).toBe(
        "Optty refused the refund, so nothing was refunded: You can only refund amount up to AUD 7.05",
      )
      const { refunds } = await paymentState(getContainer(), placed.paymentId)
      expect(refunds.map((r) => r.amount)).toEqual([25, 12.1])
      expect(await shop.owed(placed.orderId)).toBeCloseTo(12.1, 10)

      // what Optty still holds can be refunded, to the cent
      expect((await shop.pressRefund(placed.paymentId, 7.05)).error).toBeNull()
      expect(
        shop.opttyRefunds(placed.reference).map((r) => [r.source, r.amountCents, r.status]),
      ).toEqual([
        ["api", 2500, "SUCCESSFUL"],
        ["api", 1210, "SUCCESSFUL"],
        ["dashboard", 1000, "SUCCESSFUL"],
        ["api", 705, "SUCCESSFUL"],
      ])
    })

    it("an access token that expires mid-flow is replaced once and the refund goes through", async () => {
      const placed = await shop.capturedOrder()
      const tokensBefore = shop.requests("POST", /^\/auth\/token$/).length
      expect(sandbox().control.expireTokens()).toBeGreaterThan(0)
      const mark = sandbox().control.requests().length

      const { error } = await shop.refundReturn(placed, [{ id: placed.lines.Mug, quantity: 2 }])
      expect(error).toBeNull()
      expect(shop.requests("POST", /^\/auth\/token$/)).toHaveLength(tokensBefore + 1)
      // the first call with the revoked token is refused, fetches a token, and is repeated once
      const [refused, token, repeated] = sandbox().control.requests().slice(mark)
      expect([refused.path, refused.responseStatus]).toEqual([
        `/api/orders/${placed.reference}/details`,
        401,
      ])
      expect([token.path, token.responseStatus]).toEqual(["/auth/token", 200])
      expect([repeated.path, repeated.responseStatus]).toEqual([refused.path, 200])
      expect(shop.refundRequests()).toHaveLength(1)
    })

    it("a webhook body naming no order of ours is dropped without asking Optty", async () => {
      const detailsReads = shop.requests("POST", /\/details$/).length
      const handled = webhooksHandled(getContainer())
      await api.post("/hooks/payment/optty_optty", { orderReference: "../../admin" })
      await handled
      expect(shop.requests("POST", /\/details$/)).toHaveLength(detailsReads)
    })

    it("a refund that timed out before Optty made it is sent once more under the same reference", async () => {
      const placed = await shop.capturedOrder()
      sandbox().control.failNext({
        method: "POST",
        path: `/api/orders/${placed.reference}/refund`,
        kind: "timeout",
        holdMs: 5_000,
      })
      const { error } = await shop.refundReturn(placed, [{ id: placed.lines.Shirt, quantity: 1 }])
      expect(error).toBeNull()
      const sent = shop.refundRequests()
      expect(sent.map((r) => r.responseStatus)).toEqual([null, 200])
      expect((sent[1].body as any).refundReference).toBe((sent[0].body as any).refundReference)
      expect(shop.opttyRefunds(placed.reference)).toHaveLength(1)
    })

    gatewayContract(() => opttyContract({ api, getContainer, sandbox, shop, admin: () => admin }), {
      refundFaults: [
        "http_500",
        "http_401",
        "http_429",
        "timeout",
        "lost_response",
        "error_after_processing",
        "malformed",
      ],
    })
  },
})
