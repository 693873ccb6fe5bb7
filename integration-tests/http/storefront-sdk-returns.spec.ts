import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { HttpTypes, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  registerCustomer,
  sdkCheckout,
  sdkCreateReturn,
  sdkError,
  sdkPlaceOrder,
  sdkReceiveReturn,
  sdkReturnReasons,
  seedSelfServiceReturns,
  staffSdk,
  storefrontSdk,
} from "../support/js-sdk-storefront"
import { MARKETS } from "../support/market-taxes"
import { fulfillAll, MSP, orderOfCart, useMultiSafepaySandbox } from "../support/multisafepay-suite"
import { OPTTY, useOpttySandbox } from "../support/optty-suite"
import { paymentState } from "../support/payment-state"
import { refundReportsHandled } from "../support/refund-outcomes"
import { seedStorefront } from "../support/storefront-seed"
import { checkRefundInputsAfterEachTest } from "../support/refund-inputs-agree"

jest.setTimeout(180_000)

// The store refunds received returns by itself. medusa-config.ts reads this when the runner
// loads it, before the runner's own `env` option is applied, so set it here.
const previous = process.env.LINE_REFUNDS_AUTO_REFUND
process.env.LINE_REFUNDS_AUTO_REFUND = "true"
afterAll(() => {
  if (previous === undefined) delete process.env.LINE_REFUNDS_AUTO_REFUND
  else process.env.LINE_REFUNDS_AUTO_REFUND = previous
})

// Both gateways' sandboxes, started before the one app boot of this file.
const msp = useMultiSafepaySandbox()
const optty = useOpttySandbox()

const cartItem = (
  name: string,
  unit_price: number,
  quantity: number,
  id: string,
  table: string,
) => ({
  name,
  description: "",
  unit_price,
  quantity,
  merchant_item_id: id,
  tax_table_selector: table,
})

/** Medusa's refunds of a payment as the admin API shows them. */
async function refundsOf(admin: Awaited<ReturnType<typeof staffSdk>>, paymentId: string) {
  const { payment } = await admin.admin.payment.retrieve(paymentId, { fields: "*refunds" })
  return (payment.refunds ?? []).map((r) => ({ id: r.id, amount: Number(r.amount) }))
}

/** The plugin's ledger of an order (the order page widget's route), read through the SDK. */
function ledgerOf(admin: Awaited<ReturnType<typeof staffSdk>>, orderId: string) {
  return admin.client.fetch<{
    payment_id: string | null
    returns: Array<{
      id: string
      amount_to_refund: string | null
      lines: Array<{ line_item_id: string; title: string; refunded: number; to_refund: number }>
    }>
    refunds: Array<{
      refund_id: string
      source: string
      status: string
      amount: string
      lines: Array<{ title: string; quantity: number }>
    }>
  }>(`/admin/line-refunds/orders/${orderId}`)
}

/** Who made and who confirmed the return's receipts, as Medusa stored them (docs/medusa.md). */
async function receiptsOf(container: MedusaContainer, returnId: string) {
  const changes = await container
    .resolve(Modules.ORDER)
    .listOrderChanges(
      { return_id: returnId },
      { select: ["change_type", "status", "created_by", "confirmed_by"] },
    )
  // (the DTO's types know neither change_type "return_receive" nor created_by)
  return (changes as unknown as Array<Record<string, unknown>>)
    .filter((c) => c.change_type === "return_receive")
    .map((c) => ({ status: c.status, created_by: c.created_by, confirmed_by: c.confirmed_by }))
}

async function storedSession(container: MedusaContainer, sessionId: string) {
  const [session] = await container.resolve(Modules.PAYMENT).listPaymentSessions({ id: sessionId })
  return session
}

/**
 * The storefront returns flow through Medusa's official JS SDK (`@medusajs/js-sdk`), the client
 * storefronts use, over real HTTP to the booted app: a registered customer checks out, pays at
 * the gateway's sandbox, returns lines through the store API; staff receive the return through
 * the SDK's admin API, and with `autoRefundOnReturnReceived` the refund reaches the gateway in its
 * own format. A return the store receives at once (`receive_now`, which needs no login) is left
 * to staff. Then Optty's shopper return route as a storefront calls it with `sdk.client.fetch`.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    checkRefundInputsAfterEachTest(getContainer)
    const baseUrl = () => api.defaults.baseURL as string

    beforeEach(() => {
      msp.sandbox().control.reset()
      optty.sandbox().control.reset()
    })

    it("a registered customer's self-service return of a Klarna order is refunded at MultiSafepay as negative cart lines once staff receive it", async () => {
      const container = getContainer()
      const control = msp.sandbox().control
      control.setAutoNotify(false)
      const store = await seedStorefront(container, { paymentProviders: [MSP.klarna] })
      const staff = await staffSdk(container, baseUrl())
      const { returnReasonId, returnShippingOptionId } = await seedSelfServiceReturns(staff, store)

      // Sign-up and checkout through the SDK: the cart, and so the order, are the customer's.
      const shopper = storefrontSdk(baseUrl(), store)
      const customer = await registerCustomer(shopper, {
        email: "noor@example.com",
        password: "correct horse battery staple",
        first_name: "Noor",
        last_name: "de Vries",
      })
      const { cart, session } = await sdkCheckout(shopper, store, {
        items: [
          { variant_id: store.variants.shirt, quantity: 2 },
          { variant_id: store.variants.mug, quantity: 3 },
          { variant_id: store.variants.book, quantity: 1 },
        ],
        promo_codes: [store.promoCode],
        provider_id: MSP.klarna,
      })
      expect(cart.customer_id).toBe(customer.id)
      expect(cart.email).toBe("noor@example.com")
      // 2 × 25 × 1.21 + 3 × 12.10 × 1.21 + 30 × 1.09 + 4.95 × 1.21
      expect(cart.total).toBe(143.1125)
      const mspOrderId = session.data.multisafepay.order_id as string
      expect(session.data.payment_url).toBe(`${msp.sandbox().origin}/pay/${mspOrderId}`)

      // Paid at MultiSafepay; "Place order" completes the cart (the provider reads the status).
      control.pay(mspOrderId)
      const order = await sdkPlaceOrder(shopper, cart.id)
      // the customer's account lists it (the store API shows a customer only their orders)
      const { orders } = await shopper.store.order.list({ fields: "id" })
      expect(orders.map((o) => o.id)).toEqual([order.id])
      const { order: owned } = await staff.admin.order.retrieve(order.id, {
        fields: "id,customer_id",
      })
      expect(owned.customer_id).toBe(customer.id)
      const placed = (await orderOfCart(container, cart.id))!
      expect(placed.orderId).toBe(order.id)

      // Shipped: staff capture, which marks the Klarna order shipped at MultiSafepay.
      await fulfillAll(container, order.id)
      await staff.admin.payment.capture(placed.paymentId, {})
      expect(control.order(mspOrderId)!.status).toBe("shipped")

      // The customer returns one shirt and the book from their account page.
      const reasons = await sdkReturnReasons(shopper)
      expect(reasons.map((r) => [r.id, r.value])).toEqual([[returnReasonId, "wrong_size"]])
      const { shipping_options: returnOptions } = await shopper.store.fulfillment.listCartOptions({
        cart_id: cart.id,
        is_return: true,
      })
      expect(returnOptions.map((o) => o.id)).toEqual([returnShippingOptionId])
      const { order: mine } = await shopper.store.order.retrieve(order.id, {
        fields: "id,items.id,items.title,items.quantity",
      })
      const line = (title: string) => mine.items!.find((i) => i.title === title)!.id
      const returned = [
        { id: line("Shirt"), quantity: 1 },
        { id: line("Book"), quantity: 1 },
      ]
      const created = await sdkCreateReturn(shopper, {
        order_id: order.id,
        items: returned.map((item) => ({ ...item, reason_id: returnReasonId })),
        return_shipping: { option_id: returnShippingOptionId },
        note: "Too small",
      })
      expect(created).toMatchObject({ order_id: order.id, status: "requested" })

      // Requested is not received: nothing is refunded yet.
      const refundPosts = () =>
        control.requests().filter((r) => r.method === "POST" && /\/refunds$/.test(r.path))
      expect(refundPosts()).toEqual([])
      expect((await ledgerOf(staff, order.id)).returns).toEqual([])

      // Staff receive the parcel; the plugin refunds it with nobody pressing Refund.
      // (the subscribers of order.return_received are done when the refund is made and booked)
      const autoRefunded = TestEventUtils.waitSubscribersExecution(
        "order.return_received",
        container.resolve(Modules.EVENT_BUS),
        { timeout: 30_000 },
      )
      await sdkReceiveReturn(staff, created.id, returned)
      await autoRefunded
      const { user } = await staff.admin.user.me()
      expect(await receiptsOf(container, created.id)).toEqual([
        { status: "confirmed", created_by: null, confirmed_by: user.id },
      ])
      const { entries, state } = await paymentState(container, placed.paymentId)
      expect(entries).toHaveLength(1)
      expect(Object.values(state.plans).map((p) => [p.source, p.status])).toEqual([
        ["auto_refund", "consumed"],
      ])

      // MultiSafepay got its current cart plus one negative copy of each returned line.
      expect(refundPosts()).toHaveLength(1)
      const [refund] = refundPosts()
      expect(refund.path).toBe(`/v1/json/orders/${mspOrderId}/refunds`)
      expect(refund.body).toEqual({
        checkout_data: {
          items: [
            cartItem("Shirt", 25, 2, "SHIRT-1", "21"),
            cartItem("Mug", 12.1, 3, "MUG-1", "21"),
            cartItem("Book", 30, 1, "BOOK-1", "9"),
            expect.objectContaining({ merchant_item_id: "msp-shipping", unit_price: 4.95 }),
            expect.objectContaining({
              name: "Shirt",
              merchant_item_id: "SHIRT-1",
              unit_price: 25,
              quantity: -1,
              tax_table_selector: "21",
            }),
            expect.objectContaining({
              name: "Book",
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
      // 25 × 1.21 + 30 × 1.09 = 62.95, in MultiSafepay's and in Medusa's books
      const [mspRefund] = control
        .order(mspOrderId)!
        .related_transactions!.filter((t) => t.type === "refund")
      expect(mspRefund).toMatchObject({ amount: 6295, status: "reserved" })
      const refunds = await refundsOf(staff, placed.paymentId)
      expect(refunds).toEqual([{ id: expect.any(String), amount: 62.95 }])

      // The ledger: the return's lines refunded, nothing left to refund, the refund pending.
      const ledger = await ledgerOf(staff, order.id)
      expect(ledger.payment_id).toBe(placed.paymentId)
      expect(ledger.returns).toEqual([
        expect.objectContaining({
          id: created.id,
          amount_to_refund: null,
          lines: expect.arrayContaining([
            expect.objectContaining({ line_item_id: line("Shirt"), refunded: 1, to_refund: 0 }),
            expect.objectContaining({ line_item_id: line("Book"), refunded: 1, to_refund: 0 }),
          ]),
        }),
      ])
      expect(ledger.returns[0].lines).toHaveLength(2)
      expect(ledger.refunds).toEqual([
        expect.objectContaining({
          refund_id: refunds[0].id,
          source: "auto_refund",
          status: "pending",
          amount: "62.95",
          lines: expect.arrayContaining([
            expect.objectContaining({ title: "Shirt", quantity: 1 }),
            expect.objectContaining({ title: "Book", quantity: 1 }),
          ]),
        }),
      ])
      expect(ledger.refunds[0].lines).toHaveLength(2)

      // MultiSafepay completes the refund; its notification settles the ledger row.
      const settled = refundReportsHandled(container)
      control.completeRefund(mspOrderId, mspRefund.transaction_id!)
      await control.notify(mspOrderId)
      await settled
      const after = await ledgerOf(staff, order.id)
      expect(after.refunds.map((r) => [r.refund_id, r.status])).toEqual([
        [refunds[0].id, "succeeded"],
      ])
      expect(await refundsOf(staff, placed.paymentId)).toEqual(refunds)
      const { order: summary } = await staff.admin.order.retrieve(order.id, {
        fields: "id,summary.*",
      })
      expect((summary as any).summary.pending_difference).toBe(0)
    })

    it("a return the store receives at once (receive_now, no login) is not refunded: it waits for staff on the order page", async () => {
      const container = getContainer()
      const control = msp.sandbox().control
      control.setAutoNotify(false)
      const store = await seedStorefront(container, { paymentProviders: [MSP.klarna] })
      const staff = await staffSdk(container, baseUrl())
      const { returnShippingOptionId } = await seedSelfServiceReturns(staff, store)

      // A guest's Klarna order, paid at MultiSafepay, shipped and captured.
      const shopper = storefrontSdk(baseUrl(), store)
      const { cart, session } = await sdkCheckout(shopper, store, {
        email: "guest@example.com",
        items: [
          { variant_id: store.variants.shirt, quantity: 2 },
          { variant_id: store.variants.book, quantity: 1 },
        ],
        provider_id: MSP.klarna,
      })
      const mspOrderId = session.data.multisafepay.order_id as string
      control.pay(mspOrderId)
      const order = await sdkPlaceOrder(shopper, cart.id)
      const placed = (await orderOfCart(container, cart.id))!
      await fulfillAll(container, order.id)
      await staff.admin.payment.capture(placed.paymentId, {})
      expect(control.order(mspOrderId)!.status).toBe("shipped")

      // Anyone with the shop's publishable key and the order id: no customer, no staff.
      const stranger = storefrontSdk(baseUrl(), { publishableKey: store.publishableKey })
      const { order: seen } = await stranger.store.order.retrieve(order.id)
      const everything = seen.items!.map((i) => ({ id: i.id, quantity: Number(i.quantity) }))
      expect(everything).toHaveLength(2)

      // (the subscribers of order.return_received are done when the decision is made and logged)
      const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
      const warn = jest.spyOn(logger, "warn")
      const received = TestEventUtils.waitSubscribersExecution(
        "order.return_received",
        container.resolve(Modules.EVENT_BUS),
        { timeout: 30_000 },
      )
      let created: HttpTypes.StoreReturn
      let warnings: string[]
      try {
        created = await sdkCreateReturn(stranger, {
          order_id: order.id,
          items: everything,
          return_shipping: { option_id: returnShippingOptionId },
          receive_now: true,
        })
        await received
      } finally {
        warnings = warn.mock.calls.map(([message]) => String(message))
        warn.mockRestore()
      }

      // Medusa took the return as received at once...
      const { return: stored } = await staff.admin.return.retrieve(created.id, {
        fields: "id,status,received_at",
      })
      expect(stored).toMatchObject({ id: created.id, status: "received" })
      expect(stored.received_at).toBeTruthy()
      // (its receipt names no one: the store route passes no actor to the workflow)
      expect(await receiptsOf(container, created.id)).toEqual([
        { status: "confirmed", created_by: null, confirmed_by: null },
      ])

      // ...but nothing reached MultiSafepay and Medusa has no refund.
      const refundPosts = control
        .requests()
        .filter((r) => r.method === "POST" && /\/refunds$/.test(r.path))
      expect(refundPosts).toEqual([])
      expect(control.order(mspOrderId)!.related_transactions ?? []).not.toContainEqual(
        expect.objectContaining({ type: "refund" }),
      )
      expect(await refundsOf(staff, placed.paymentId)).toEqual([])
      const { entries, state } = await paymentState(container, placed.paymentId)
      expect(entries).toEqual([])
      expect(Object.values(state.plans)).toEqual([])

      // One warning says why; the order page shows the return with every line still to refund.
      expect(warnings.filter((message) => message.includes(created.id))).toEqual([
        `line-refunds: return ${created.id} of order ${order.id} was received without staff (store receive_now); not refunded automatically, left for staff to refund from the order page`,
      ])
      const ledger = await ledgerOf(staff, order.id)
      expect(ledger.payment_id).toBe(placed.paymentId)
      expect(ledger.refunds).toEqual([])
      expect(ledger.returns).toEqual([
        expect.objectContaining({
          id: created.id,
          lines: expect.arrayContaining(
            everything.map((item) =>
              expect.objectContaining({
                line_item_id: item.id,
                refunded: 0,
                to_refund: item.quantity,
              }),
            ),
          ),
        }),
      ])
      expect(ledger.returns[0].lines).toHaveLength(2)
    })

    it("Optty's shopper return through sdk.client.fetch: the verified answer, and a clear 400 for a forged or garbled return", async () => {
      const container = getContainer()
      const control = optty.sandbox().control
      control.setAutoNotify(false)
      const store = await seedStorefront(container, {
        paymentProviders: [OPTTY],
        taxInclusivePrices: true,
        market: MARKETS.au,
      })
      const storefront = storefrontSdk(baseUrl(), store)
      const { cart, session } = await sdkCheckout(storefront, store, {
        email: "sam@example.com",
        items: [
          { variant_id: store.variants.shirt, quantity: 1 },
          { variant_id: store.variants.mug, quantity: 2 },
        ],
        provider_id: OPTTY,
        data: { bnpl_provider: "KLARNA_AU" },
      })
      const reference = session.data.optty.order_reference as string
      expect(session.data.redirect_url).toBe(`${optty.sandbox().origin}/pay/${reference}`)

      // The shopper pays; Optty sends them back to the storefront with a signed result.
      const { redirectUrl } = control.pay(reference)
      const query = Object.fromEntries(new URL(redirectUrl).searchParams)
      expect(Object.keys(query).sort()).toEqual([
        "hash",
        "providerReference",
        "reference",
        "status",
      ])
      const shopperReturns = (body: Record<string, unknown>, sdk = storefront) =>
        sdk.client.fetch<Record<string, any>>(`/store/carts/${cart.id}/payment-return/optty`, {
          method: "POST",
          body,
        })

      // Without the publishable key the SDK adds, the store API refuses the call.
      const keyless = await sdkError(shopperReturns(query, storefrontSdk(baseUrl(), {})))
      expect(keyless).toEqual({
        status: 400,
        statusText: "Bad Request",
        message:
          "Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard.",
      })

      // A forged result (the hash does not match) and a garbled body: 400, and nothing kept.
      const forged = await sdkError(shopperReturns({ ...query, hash: "ab".repeat(64) }))
      expect(forged).toEqual({
        status: 400,
        statusText: "Bad Request",
        message: "Optty return refused: the result hash does not match",
      })
      const garbled = await sdkError(
        shopperReturns({ reference: query.reference, status: "", hash: 42, redirect: "x" }),
      )
      expect(garbled).toEqual({
        status: 400,
        statusText: "Bad Request",
        message:
          'This is not a valid return from Optty: status: Too small: expected string to have >=1 characters; hash: Invalid input: expected string, received number; body: Unrecognized key: "redirect"',
      })
      const unknownGateway = await sdkError(
        storefront.client.fetch(`/store/carts/${cart.id}/payment-return/paypal`, {
          method: "POST",
          body: query,
        }),
      )
      expect(unknownGateway).toMatchObject({
        status: 404,
        message: 'No payment gateway "paypal" takes shoppers\' returns here',
      })
      expect((await storedSession(container, session.id)).data).not.toHaveProperty(
        "optty.storefront_result",
      )

      // The genuine return: what the shopper was told, verified, and Optty's own status.
      const answer = await shopperReturns(query)
      expect(answer).toEqual({
        payment_session: { id: session.id, status: "pending" },
        result: "SUCCESSFUL",
        gateway_status: "SUCCESSFUL",
      })
      const stored = (await storedSession(container, session.id)).data as Record<string, any>
      expect(stored.optty.storefront_result).toMatchObject({ status: "SUCCESSFUL" })
      expect(stored.optty_return ?? null).toBeNull()

      // "Place order" then reads the order from Optty itself.
      const order = await sdkPlaceOrder(storefront, cart.id)
      expect(order.email).toBe("sam@example.com")
      expect((await orderOfCart(container, cart.id))?.orderId).toBe(order.id)
    })
  },
})
