import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { adminHeaders } from "../support/admin-api"
import { orderSummary, paymentState } from "../support/payment-state"
import { receiveReturn } from "../support/seed-order"
import { seedStorefront, Storefront } from "../support/storefront-seed"
import { createStorePaymentSession } from "../support/storefront-api"
import { gatewayContract } from "../support/gateway-contract"
import {
  fulfillAll,
  MSP,
  multiSafepayContract,
  multiSafepayShop,
  orderOfCart,
  useMultiSafepaySandbox,
  waitFor,
  waitOutInDoubtWindow,
} from "../support/multisafepay-suite"
import { checkRefundInputsAfterEachTest } from "../support/refund-inputs-agree"

jest.setTimeout(300_000)

const { sandbox } = useMultiSafepaySandbox()

const item = (name: string, unit_price: number, quantity: number, id: string, table: string) => ({
  name,
  description: "",
  unit_price,
  quantity,
  merchant_item_id: id,
  tax_table_selector: table,
})
/** The shopping cart MultiSafepay gets for the test cart: ex-VAT prices, BOOK10 folded in. */
const CHECKOUT_ITEMS = [
  item("Shirt", 25, 2, "SHIRT-1", "21"),
  item("Mug", 12.1, 3, "MUG-1", "21"),
  item("Book", 30, 1, "BOOK-1", "9"),
  {
    ...item("Standard", 4.95, 1, "msp-shipping", "21"),
    name: expect.any(String),
    description: "Shipping",
  },
]

/**
 * MultiSafepay end to end through Medusa's HTTP API: a storefront checkout paid at the sandbox,
 * the admin's capture, received returns refunded with the stock Refund button, and what the
 * sandbox (MultiSafepay's documented rules over real HTTP) received; then the gateway contract
 * every gateway passes (integration-tests/support/gateway-contract.ts).
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    checkRefundInputsAfterEachTest(getContainer)
    let admin: { headers: Record<string, string> }
    let store: Storefront

    beforeEach(async () => {
      sandbox().control.reset()
      admin = await adminHeaders(getContainer())
      store = await seedStorefront(getContainer(), {
        paymentProviders: [MSP.any, MSP.klarna, MSP.payAfterDelivery],
      })
    })

    const shop = multiSafepayShop({ api, getContainer, sandbox, context: () => ({ admin, store }) })
    const {
      requests,
      refundRequests,
      owed,
      checkout,
      placedOrder,
      refundReturn,
      mspRefunds,
      pressRefund,
    } = shop

    describe("iDEAL (refunded by amount)", () => {
      it("pays by cart completion and refunds a return by amount in minor units, never with a cart", async () => {
        const placed = await placedOrder(MSP.any, { gateway: "IDEAL" })
        expect(placed.payment.captured_at).toBeTruthy()
        const [create] = requests("POST", /\/orders$/)
        expect(create.body).toMatchObject({ gateway: "IDEAL", amount: 14311 })

        const { amount, error } = await refundReturn(placed, [
          { id: placed.lines.Mug, quantity: 2 },
        ])
        expect(error).toBeNull()
        expect(amount).toBeCloseTo(29.282, 10)
        const [refund] = refundRequests()
        expect(refund.body).toEqual({
          currency: "EUR",
          amount: 2928,
          description: "Return refund: 2× Mug",
          refund_order_id: expect.stringMatching(/^lr_/),
        })
        expect(mspRefunds(placed.mspOrderId)).toEqual([
          expect.objectContaining({
            amount: 2928,
            refund_order_id: (refund.body as any).refund_order_id,
          }),
        ])
      })

      it("turns MultiSafepay's refusal into an error with its message, and keeps nothing (1034 over-refund)", async () => {
        const placed = await placedOrder(MSP.any, { gateway: "IDEAL" })
        // the whole payment was refunded in MultiSafepay's dashboard meanwhile
        sandbox().control.dashboardRefund(placed.mspOrderId, { amount: 14311, status: "completed" })

        const { error } = await refundReturn(placed, [{ id: placed.lines.Shirt, quantity: 1 }])
        expect(error.status).toBe(400)
        expect(error.data.message).toMatch(
          /^MultiSafepay refused the refund, so nothing was refunded: .*\(error 1034\)$/,
        )
        const { refunds, state, entries } = await paymentState(getContainer(), placed.paymentId)
        expect(refunds).toHaveLength(0)
        expect(Object.values(state.plans).map((p) => p.status)).toEqual(["abandoned"])
        expect(entries).toEqual([]) // refused for sure: nothing in the ledger
      })

      it("an unreadable answer after MultiSafepay made the refund: found by its key, recorded once", async () => {
        const placed = await placedOrder(MSP.any, { gateway: "IDEAL" })
        sandbox().control.failNext({ method: "POST", path: "/refunds", kind: "malformed" })
        const { error } = await refundReturn(placed, [{ id: placed.lines.Shirt, quantity: 1 }])
        expect(error).toBeNull()
        expect(refundRequests()).toHaveLength(1)
        expect(mspRefunds(placed.mspOrderId)).toHaveLength(1)
        expect((await paymentState(getContainer(), placed.paymentId)).refunds).toHaveLength(1)
      })

      it.each([
        ["a 500", { kind: "http_500" }],
        ["a dropped connection", { kind: "connection_reset" }],
        ["a timeout", { kind: "timeout", holdMs: 5_000 }],
      ] as const)(
        "after %s with no refund at MultiSafepay: in doubt, nothing sent again while it could still land, then the retry refunds once",
        async (_what, fault) => {
          const placed = await placedOrder(MSP.any, { gateway: "IDEAL" })
          sandbox().control.failNext({ method: "POST", path: "/refunds", ...fault })

          const first = await refundReturn(placed, [{ id: placed.lines.Shirt, quantity: 1 }])
          expect(first.error.status).toBe(409)
          expect(first.error.data.message).toMatch(
            /^MultiSafepay may have made this refund, but its answer was lost\. Nothing is booked yet; do not refund again — .* \(.+\)$/,
          )
          expect(refundRequests()).toHaveLength(1)
          expect(mspRefunds(placed.mspOrderId)).toHaveLength(0)
          const doubt = await paymentState(getContainer(), placed.paymentId)
          expect(doubt.refunds).toHaveLength(0)
          expect(doubt.entries).toEqual([expect.objectContaining({ status: "in_doubt" })])

          // staff press Refund again at once: MultiSafepay is asked, and shows nothing yet, but
          // the first request could still land: nothing is sent
          const early = await pressRefund(placed.paymentId, first.amount)
          expect(early.error.status).toBe(409)
          expect(refundRequests()).toHaveLength(1)

          // once it cannot land any more: the same logical refund, the same key, sent once
          await waitOutInDoubtWindow(doubt.entries[0].created_at)
          expect((await pressRefund(placed.paymentId, first.amount)).error).toBeNull()
          const keys = refundRequests().map((r) => (r.body as any).refund_order_id)
          expect(keys).toHaveLength(2)
          expect(new Set(keys).size).toBe(1)
          expect(mspRefunds(placed.mspOrderId)).toHaveLength(1)
          const after = await paymentState(getContainer(), placed.paymentId)
          expect(after.refunds).toHaveLength(1)
          expect(after.entries).toEqual([
            expect.objectContaining({ status: "pending", refund_id: after.refunds[0].id }),
          ])
        },
      )

      it("a 429 is not retried: staff get 429 and are told to try again in a moment; nothing is recorded", async () => {
        const placed = await placedOrder(MSP.any, { gateway: "IDEAL" })
        sandbox().control.failNext({ method: "POST", path: "/refunds", kind: "http_429" })
        const { error } = await refundReturn(placed, [{ id: placed.lines.Shirt, quantity: 1 }])
        expect(error.status).toBe(429)
        expect(error.data.message).toMatch(
          /^MultiSafepay is receiving too many requests and did not take the refund, so nothing was done\. Try again in a moment\. \(.+\)$/,
        )
        expect(mspRefunds(placed.mspOrderId)).toHaveLength(0)
        const { refunds, entries } = await paymentState(getContainer(), placed.paymentId)
        expect(refunds).toHaveLength(0)
        expect(entries).toEqual([])
      })
    })

    gatewayContract(
      () => multiSafepayContract({ api, getContainer, sandbox, shop, admin: () => admin }),
      {
        refundFaults: [
          "http_500",
          "http_503",
          "http_429",
          "timeout",
          "lost_response",
          "malformed",
          "connection_reset",
        ],
      },
    )

    describe("Klarna (pay later)", () => {
      it("sends the server's cart at checkout, completes through the signed webhook, captures at shipment and refunds returned lines as cart lines", async () => {
        const { cart, session, mspOrderId } = await checkout(MSP.klarna)
        // 2 × 25 × 1.21 + 3 × 12.10 × 1.21 + 30 × 1.09 + 4.95 × 1.21
        expect(cart.total).toBe(143.1125)
        expect(mspOrderId).toBe(session.id)
        expect(session.data.payment_url).toBe(`${sandbox().origin}/pay/${session.id}`)

        const [create] = requests("POST", /\/orders$/)
        expect(create.body).toMatchObject({
          type: "redirect",
          order_id: session.id,
          gateway: "KLARNA",
          currency: "EUR",
          amount: 14311,
          payment_options: {
            notification_url: expect.stringMatching(/\/hooks\/payment\/multisafepay_klarna$/),
            notification_method: "POST",
          },
          customer: expect.objectContaining({ email: "sam@example.com", country: "NL" }),
          shopping_cart: { items: CHECKOUT_ITEMS },
          checkout_options: {
            tax_tables: {
              alternate: [
                { name: "0", standalone: true, rules: [{ rate: 0 }] },
                { name: "9", standalone: true, rules: [{ rate: 0.09 }] },
                { name: "21", standalone: true, rules: [{ rate: 0.21 }] },
              ],
            },
          },
        })
        expect(create.headers.api_key).toBe("[REDACTED]")

        // The shopper pays at MultiSafepay; its signed notification completes the cart in Medusa.
        sandbox().control.pay(mspOrderId)
        const placed = await waitFor("the webhook to complete the cart", () =>
          orderOfCart(getContainer(), cart.id),
        )
        expect(placed.payment.captured_at).toBeFalsy()

        // Staff capture: MultiSafepay pay-later orders are captured by marking them shipped.
        await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, admin)
        expect(requests("PATCH", new RegExp(`/orders/${mspOrderId}$`)).map((r) => r.body)).toEqual([
          expect.objectContaining({ status: "shipped" }),
        ])
        expect(sandbox().control.order(mspOrderId)!.status).toBe("shipped")

        // A return of one shirt and the book, refunded with the stock Refund button.
        await fulfillAll(getContainer(), placed.orderId)
        await receiveReturn(api, admin, placed.orderId, [
          { id: placed.lines.Shirt, quantity: 1 },
          { id: placed.lines.Book, quantity: 1 },
        ])
        const amount = await owed(placed.orderId)
        expect(amount).toBeCloseTo(30.25 + 32.7, 10)
        await api.post(`/admin/payments/${placed.paymentId}/refund`, { amount }, admin)

        const [refund] = refundRequests()
        expect(refund.body).toEqual({
          checkout_data: {
            items: [
              ...CHECKOUT_ITEMS,
              expect.objectContaining({
                merchant_item_id: "SHIRT-1",
                unit_price: 25,
                quantity: -1,
                tax_table_selector: "21",
              }),
              expect.objectContaining({
                merchant_item_id: "BOOK-1",
                unit_price: 30,
                quantity: -1,
                tax_table_selector: "9",
              }),
            ],
          },
          description: "Return refund: 1× Shirt, 1× Book",
          refund_order_id: expect.stringMatching(/^lr_[0-9a-f]{37}$/),
        })
        const mspOrder = sandbox().control.order(mspOrderId)!
        const [mspRefund] = mspOrder.related_transactions!.filter((t) => t.type === "refund")
        expect(mspRefund).toMatchObject({ amount: 6295, status: "reserved" })

        const { state, refunds, entries } = await paymentState(getContainer(), placed.paymentId)
        expect(refunds).toHaveLength(1)
        expect(entries).toEqual([
          expect.objectContaining({ refund_id: refunds[0].id, kind: "lines", status: "pending" }),
        ])
        expect(state.refunds[refunds[0].id]).toMatchObject({
          status: "pending",
          gateway_reference: String(mspRefund.transaction_id),
          gateway: { mode: "cart", amount_minor: 6295, rounding_delta_minor: 0 },
        })
        expect((await orderSummary(api, admin, placed.orderId)).pending_difference).toBe(0)
      })

      it("refunds a second return against MultiSafepay's current cart, after its same-amount rule", async () => {
        const placed = await placedOrder(MSP.klarna)
        await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, admin)
        expect(
          (await refundReturn(placed, [{ id: placed.lines.Shirt, quantity: 1 }])).error,
        ).toBeNull()

        // the same amount again within 5 minutes: MultiSafepay refuses it (1034), we say why
        const second = await refundReturn(placed, [{ id: placed.lines.Shirt, quantity: 1 }])
        expect(second.error.status).toBe(400)
        // MultiSafepay's own words, verbatim; no refund of ours is named
        expect(second.error.data.message).toMatch(
          /^MultiSafepay refused the refund, so nothing was refunded: .*5 minutes.*\(error 1034\)$/,
        )

        // five minutes later staff press Refund again: the cart now holds the first refund line
        sandbox().control.advanceClock(301_000)
        await api.post(
          `/admin/payments/${placed.paymentId}/refund`,
          { amount: second.amount },
          admin,
        )
        const last = refundRequests().at(-1)!.body as any
        expect(last.checkout_data.items.slice(4)).toEqual([
          expect.objectContaining({ merchant_item_id: "SHIRT-1", unit_price: 25, quantity: -1 }),
          expect.objectContaining({ merchant_item_id: "SHIRT-1", unit_price: 25, quantity: -1 }),
        ])
        expect(mspRefunds(placed.mspOrderId).map((r) => r.amount)).toEqual([3025, 3025])
        expect((await orderSummary(api, admin, placed.orderId)).pending_difference).toBe(0)
      })

      it("refunds a return with its shipping through the plugin's return route: shipping is its own line", async () => {
        const placed = await placedOrder(MSP.klarna)
        await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, admin)
        const returnId = await receiveReturn(api, admin, placed.orderId, [
          { id: placed.lines.Mug, quantity: 2 },
        ])
        const { data } = await api.post(
          `/admin/line-refunds/returns/${returnId}/refund`,
          { include_shipping: true },
          admin,
        )
        expect(data.refund_plan.amount).toBe("35.27") // 2 × 12.10 × 1.21 + 4.95 × 1.21
        const [refund] = refundRequests()
        expect((refund.body as any).checkout_data.items.slice(4)).toEqual([
          expect.objectContaining({ merchant_item_id: "MUG-1", unit_price: 12.1, quantity: -2 }),
          {
            name: "Shipping refund",
            description: expect.any(String),
            unit_price: 4.95,
            quantity: -1,
            merchant_item_id: "msp-shipping-r1",
            tax_table_selector: "21",
          },
        ])
        expect(mspRefunds(placed.mspOrderId).map((r) => r.amount)).toEqual([3527])
      })

      it("an amount-only refund (no return) is the current cart plus one line at the 0 table", async () => {
        const placed = await placedOrder(MSP.klarna)
        await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, admin)
        await api.post(`/admin/payments/${placed.paymentId}/refund`, { amount: 12.34 }, admin)
        const [refund] = refundRequests()
        expect((refund.body as any).checkout_data.items.slice(4)).toEqual([
          {
            name: "Refund",
            description: expect.stringMatching(/^Refund ref_/),
            unit_price: 12.34,
            quantity: -1,
            merchant_item_id: expect.stringMatching(/^refund-/),
            tax_table_selector: "0",
          },
        ])
        expect(refund.body).not.toHaveProperty("amount")
        expect(mspRefunds(placed.mspOrderId).map((r) => r.amount)).toEqual([1234])
      })

      it("Pay After Delivery takes negative quantities, like every pay-later method by default", async () => {
        const placed = await placedOrder(MSP.payAfterDelivery)
        await api.post(`/admin/payments/${placed.paymentId}/capture`, {}, admin)
        const { error } = await refundReturn(placed, [{ id: placed.lines.Mug, quantity: 2 }])
        expect(error).toBeNull()
        const [refund] = refundRequests()
        expect((refund.body as any).checkout_data.items.slice(4)).toEqual([
          expect.objectContaining({ merchant_item_id: "MUG-1", unit_price: 12.1, quantity: -2 }),
        ])
        expect(mspRefunds(placed.mspOrderId).map((r) => r.amount)).toEqual([2928])
      })

      it("cancelling the order before shipment cancels the Klarna reservation at MultiSafepay", async () => {
        const placed = await placedOrder(MSP.klarna)
        await api.post(`/admin/orders/${placed.orderId}/cancel`, {}, admin).catch(() => undefined)
        // Medusa refuses to cancel fulfilled orders; cancel the payment the way it does for them
        if (sandbox().control.order(placed.mspOrderId)!.status !== "cancelled") {
          await getContainer().resolve(Modules.PAYMENT).cancelPayment(placed.paymentId)
        }
        expect(
          requests("PATCH", new RegExp(`/orders/${placed.mspOrderId}$`)).map((r) => r.body),
        ).toEqual([{ status: "cancelled", exclude_order: true }])
        expect(sandbox().control.order(placed.mspOrderId)!.status).toBe("cancelled")
      })

      it("a session the shopper abandons for another method has its MultiSafepay order cancelled", async () => {
        sandbox().control.setAutoNotify(false)
        const { cart, mspOrderId } = await checkout(MSP.klarna)
        await createStorePaymentSession(api, store, cart.id, MSP.any, { gateway: "IDEAL" })
        expect(sandbox().control.order(mspOrderId)!.status).toBe("cancelled")
        expect(requests("POST", /\/orders$/).map((r) => (r.body as any).gateway)).toEqual([
          "KLARNA",
          "IDEAL",
        ])
      })

      it("refuses a partial capture: MultiSafepay would capture the whole order", async () => {
        const placed = await placedOrder(MSP.klarna)
        const error = await api
          .post(`/admin/payments/${placed.paymentId}/capture`, { amount: 50 }, admin)
          .catch((e: any) => e.response)
        expect(error.status).toBe(400)
        expect(error.data.message).toMatch(/captures the whole payment/)
        expect(requests("PATCH", new RegExp(`/orders/${placed.mspOrderId}$`))).toHaveLength(0)
        // the full capture still works
        await api.post(`/admin/payments/${placed.paymentId}/capture`, { amount: 143.1125 }, admin)
        expect(sandbox().control.order(placed.mspOrderId)!.status).toBe("shipped")
      })

      it("refuses a forged notification: nothing changes", async () => {
        const { cart, mspOrderId } = await checkout(MSP.klarna)
        sandbox().control.setAutoNotify(false)
        sandbox().control.pay(mspOrderId)
        const forged = await sandbox().control.notify(mspOrderId, { forgeSignature: true })
        const tampered = await sandbox().control.notify(mspOrderId, { tamperBody: true })
        const stale = await sandbox().control.notify(mspOrderId, { timestampOffsetSeconds: -3600 })
        // Medusa acknowledges at once (MultiSafepay must see "OK"), then the provider refuses
        for (const delivery of [forged, tampered, stale]) {
          expect(delivery.attempts.map((attempt) => attempt.statusCode)).toEqual([200])
          expect(delivery.attempts[0].responseBody?.slice(0, 100)).toContain("OK")
        }
        await new Promise((resolve) => setTimeout(resolve, 7_000))
        expect(await orderOfCart(getContainer(), cart.id)).toBeNull()

        // the genuine notification still completes the cart
        await sandbox().control.notify(mspOrderId)
        await waitFor("the genuine webhook", () => orderOfCart(getContainer(), cart.id))
      })
    })
  },
})
