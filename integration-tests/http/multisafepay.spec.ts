import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../support/admin-api"
import { orderSummary, paymentState } from "../support/payment-state"
import { receiveReturn } from "../support/seed-order"
import { seedStorefront, Storefront } from "../support/storefront-seed"
import {
  completeStoreCart,
  createStoreCart,
  createStorePaymentSession,
} from "../support/storefront-api"
import {
  fulfillAll,
  MSP,
  orderOfCart,
  useMultiSafepaySandbox,
  waitFor,
} from "../support/multisafepay-suite"

jest.setTimeout(300_000)

const { sandbox } = useMultiSafepaySandbox()

/**
 * MultiSafepay end to end through Medusa's HTTP API: a storefront checkout paid at the sandbox,
 * the admin's capture, received returns refunded with the stock Refund button, and what the
 * sandbox (MultiSafepay's documented rules over real HTTP) received.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let store: Storefront

    beforeEach(async () => {
      sandbox().control.reset()
      admin = await adminHeaders(getContainer())
      store = await seedStorefront(getContainer(), {
        paymentProviders: [MSP.any, MSP.klarna, MSP.payAfterDelivery],
      })
    })

    const requests = (method: string, path: RegExp) =>
      sandbox()
        .control.requests()
        .filter((r) => r.method === method && path.test(r.path))
    const refundRequests = () => requests("POST", /\/refunds$/)
    const owed = async (orderId: string) =>
      -(await orderSummary(api, admin, orderId)).pending_difference

    /** A cart of 2 shirts (25.00), 3 mugs (12.10) and a book (40.00 − BOOK10), all + VAT, plus shipping. */
    async function checkout(provider: string, data?: Record<string, unknown>) {
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
          shopping_cart: {
            items: [
              {
                name: "Shirt",
                description: "",
                unit_price: 25,
                quantity: 2,
                merchant_item_id: "SHIRT-1",
                tax_table_selector: "21",
              },
              {
                name: "Mug",
                description: "",
                unit_price: 12.1,
                quantity: 3,
                merchant_item_id: "MUG-1",
                tax_table_selector: "21",
              },
              // the BOOK10 discount is folded into the unit price
              {
                name: "Book",
                description: "",
                unit_price: 30,
                quantity: 1,
                merchant_item_id: "BOOK-1",
                tax_table_selector: "9",
              },
              {
                name: expect.any(String),
                description: "Shipping",
                unit_price: 4.95,
                quantity: 1,
                merchant_item_id: "msp-shipping",
                tax_table_selector: "21",
              },
            ],
          },
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
        expect(create.headers.api_key).toBe("[redacted]")

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
        const original = [
          {
            name: "Shirt",
            description: "",
            unit_price: 25,
            quantity: 2,
            merchant_item_id: "SHIRT-1",
            tax_table_selector: "21",
          },
          {
            name: "Mug",
            description: "",
            unit_price: 12.1,
            quantity: 3,
            merchant_item_id: "MUG-1",
            tax_table_selector: "21",
          },
          {
            name: "Book",
            description: "",
            unit_price: 30,
            quantity: 1,
            merchant_item_id: "BOOK-1",
            tax_table_selector: "9",
          },
          expect.objectContaining({
            unit_price: 4.95,
            quantity: 1,
            merchant_item_id: "msp-shipping",
          }),
        ]
        expect(refund.body).toEqual({
          checkout_data: {
            items: [
              ...original,
              expect.objectContaining({
                merchant_item_id: "SHIRT-1",
                unit_price: -25,
                quantity: 1,
                tax_table_selector: "21",
              }),
              expect.objectContaining({
                merchant_item_id: "BOOK-1",
                unit_price: -30,
                quantity: 1,
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

        const { state, refunds } = await paymentState(getContainer(), placed.paymentId)
        expect(refunds).toHaveLength(1)
        expect(state.refunds[refunds[0].id]).toMatchObject({
          kind: "lines",
          status: "pending",
          gateway_reference: String(mspRefund.transaction_id),
          gateway: { mode: "cart", amount_minor: 6295, rounding_delta_minor: 0 },
        })
        expect((await orderSummary(api, admin, placed.orderId)).pending_difference).toBe(0)
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
          expect(delivery.statusCode).toBe(200)
          expect(delivery.responseBody?.slice(0, 100)).toContain("OK")
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
