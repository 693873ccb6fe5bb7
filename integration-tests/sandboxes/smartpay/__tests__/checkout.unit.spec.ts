import {
  checkoutBody,
  createCheckout,
  startTestSandbox,
  useTestSandbox,
} from "./support/sandbox-client"

const t = useTestSandbox()

describe("POST /checkout-sessions (docs/gateways/smartpay.md#checkout-session-request)", () => {
  it("makes a test session whose order is expanded, with li_test_ ids and integer yen", async () => {
    const answer = await t.api("POST", "/checkout-sessions", checkoutBody())
    expect(answer.status).toBe(200)
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/)
    const session = answer.body
    expect(session).toMatchObject({
      object: "checkoutSession",
      test: true,
      successUrl: expect.stringContaining("session_id=payses_01"),
      reference: "payses_01",
      metadata: { medusa_session_id: "payses_01" },
    })
    expect(session.id).toMatch(/^checkout_test_[0-9a-zA-Z]+$/)
    expect(session.url).toBe(`${t.sandbox.origin}/checkout/${session.id}`)
    expect(session.order).toMatchObject({
      object: "order",
      status: "requires_authorization",
      amount: 6500,
      currency: "JPY",
      captureMethod: "manual",
      payments: [],
      discounts: [],
      expiresAt: null,
      shippingInfo: expect.objectContaining({ feeAmount: 500 }),
    })
    expect(session.order.id).toMatch(/^order_test_[0-9a-zA-Z]+$/)
    const [shirt, , coupon] = session.order.lineItems
    expect(shirt.id).toMatch(/^li_test_[0-9a-zA-Z]+$/)
    expect(shirt).toMatchObject({
      object: "lineItem",
      kind: "product",
      quantity: 2,
      price: {
        object: "price",
        amount: 2000,
        currency: "JPY",
        product: { name: "Shirt", reference: "item_shirt" },
      },
    })
    expect(coupon).toMatchObject({ kind: "discount", price: { amount: 1000 } })
    expect(typeof session.createdAt).toBe("number")
  })

  it("GET answers the order's id unless ?expand=all; GET /orders/{id} gives li ids or objects", async () => {
    const { checkoutSessionId, orderId, lineItemIds } = await createCheckout(t)
    const plain = await t.api("GET", `/checkout-sessions/${checkoutSessionId}`)
    expect(plain.body.order).toBe(orderId)
    const expanded = await t.api("GET", `/checkout-sessions/${checkoutSessionId}?expand=all`)
    expect(expanded.body.order.id).toBe(orderId)
    const order = await t.api("GET", `/orders/${orderId}`)
    expect(order.body.lineItems).toEqual(lineItemIds)
    const all = await t.api(
      "GET",
      `/orders/${orderId}?expand=all&dev-lang=nodejs&sdk-version=0.9.1`,
    )
    expect(all.body.lineItems[1].price.product.name).toBe("Trousers")
    expect((await t.api("GET", "/checkout-sessions/checkout_test_nope")).body.errorCode).toBe(
      "checkout-session.not-found",
    )
    expect((await t.api("GET", "/orders/order_test_nope")).status).toBe(404)
  })

  it.each([
    ["a float amount", { amount: 6500.5 }],
    ["a string amount", { amount: "6500" }],
    ["an amount above 999 999 999 999", { amount: 1_000_000_000_000 }],
    ["another currency", { currency: "USD" }],
    ["a lower-case currency", { currency: "jpy" }],
    ["a float unit amount", { items: [{ name: "A", amount: 6000.5, quantity: 1 }] }],
    ["no items", { items: [] }],
    ["a zero quantity", { items: [{ name: "A", amount: 6000, quantity: 0 }] }],
    ["an item without name", { items: [{ amount: 6000, quantity: 1 }] }],
    ["an unknown kind", { items: [{ name: "A", kind: "gift", amount: 6000, quantity: 1 }] }],
    ["the SDK's misspelt capture method", { captureMethod: "autommatic" }],
    ["no successUrl", { successUrl: undefined }],
    ["a relative cancelUrl", { cancelUrl: "/cancel" }],
    ["a float shipping fee", { shippingInfo: { feeAmount: 500.5 } }],
    [
      "more than 20 metadata pairs",
      { metadata: Object.fromEntries([...Array(21).keys()].map((i) => [`k${i}`, "v"])) },
    ],
  ])("refuses %s with 400 request.invalid", async (_label, overrides) => {
    const answer = await t.api("POST", "/checkout-sessions", checkoutBody(overrides))
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      statusCode: 400,
      errorCode: "request.invalid",
      message: expect.any(String),
      details: expect.any(Array),
    })
  })

  it("checks amount = Σ unit × quantity − discounts + shipping fee", async () => {
    const off = await t.api("POST", "/checkout-sessions", checkoutBody({ amount: 6501 }))
    expect(off.status).toBe(400)
    expect(off.body.message).toMatch(/add up to 6500/)
    // a negative discount is refused by default: discounts are positive and subtracted
    const negative = checkoutBody()
    ;(negative.items as any[])[2].amount = -1000
    expect((await t.api("POST", "/checkout-sessions", negative)).status).toBe(400)
  })

  it("checkItemsSum false accepts any total; negativeDiscounts accepts EC-CUBE style lines", async () => {
    const other = await startTestSandbox({ checkItemsSum: false, negativeDiscounts: true })
    try {
      expect(
        (await other.api("POST", "/checkout-sessions", checkoutBody({ amount: 7000 }))).status,
      ).toBe(200)
      const negative = checkoutBody()
      ;(negative.items as any[])[2].amount = -1000
      const answer = await other.api("POST", "/checkout-sessions", negative)
      expect(answer.status).toBe(200)
      expect(answer.body.order.lineItems[2].price.amount).toBe(-1000)
    } finally {
      await other.sandbox.close()
    }
    const strict = await startTestSandbox({ negativeDiscounts: true })
    try {
      const negative = checkoutBody()
      ;(negative.items as any[])[2].amount = -1000
      // the sum still holds: the discount counts by its size
      expect((await strict.api("POST", "/checkout-sessions", negative)).status).toBe(200)
    } finally {
      await strict.sandbox.close()
    }
  })

  it("captureMethod defaults to automatic: paying captures it all in one payment", async () => {
    const { orderId } = await createCheckout(t, { captureMethod: undefined })
    t.sandbox.control.pay(orderId)
    const order = t.sandbox.control.order(orderId)!
    expect(order.status).toBe("succeeded")
    expect(order.payments).toEqual([
      expect.objectContaining({
        object: "payment",
        amount: 6500,
        status: "processed",
        order: orderId,
      }),
    ])
    expect((order.payments[0] as any).id).toMatch(/^payment_test_[0-9a-zA-Z]+$/)
  })
})

describe("the shopper at the hosted checkout (docs/gateways/smartpay.md#order-statuses)", () => {
  it("authorised manual orders await capture and get expiresAt; rejected ones are rejected", async () => {
    const a = await createCheckout(t)
    const paid = t.sandbox.control.pay(a.checkoutSessionId, { outcome: "authorized" })
    expect(paid.redirectUrl).toBe(checkoutBody().successUrl)
    expect(paid.order).toMatchObject({ status: "requires_capture", payments: [] })
    // authorisation time (updatedAt) + 7 days
    expect(paid.order.expiresAt).toBe(paid.order.updatedAt + 7 * 24 * 3600 * 1000)
    expect(() => t.sandbox.control.pay(a.orderId)).toThrow(
      /only an order in requires_authorization/,
    )

    const b = await createCheckout(t)
    const rejected = t.sandbox.control.pay(b.orderId, { outcome: "rejected" })
    expect(rejected.redirectUrl).toBe(checkoutBody().cancelUrl)
    expect(rejected.order.status).toBe("rejected")
  })

  it("the hosted page shows the order and redirects to successUrl or cancelUrl", async () => {
    const { checkoutSessionId, orderId } = await createCheckout(t)
    const page = await fetch(`${t.sandbox.origin}/checkout/${checkoutSessionId}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(orderId)
    const result = await fetch(
      `${t.sandbox.origin}/checkout/${checkoutSessionId}/result?outcome=rejected`,
      {
        redirect: "manual",
      },
    )
    expect(result.status).toBe(302)
    expect(result.headers.get("location")).toBe(checkoutBody().cancelUrl)
    expect((await fetch(`${t.sandbox.origin}/checkout/checkout_test_nope`)).status).toBe(404)
  })
})
