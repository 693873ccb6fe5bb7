import {
  createPaidOrder,
  currentCart,
  o1Body,
  orderBody,
  startTestSandbox,
  useTestSandbox,
} from "./support/sandbox-client"

const t = useTestSandbox()

const idealOrder = (orderId: string) =>
  createPaidOrder(t, orderBody({ order_id: orderId, gateway: "IDEAL" }))
const refund = (orderId: string, body: Record<string, unknown>) =>
  t.api("POST", `orders/${orderId}/refunds`, body)
const getOrder = async (orderId: string) => (await t.api("GET", `orders/${orderId}`)).body.data

describe("amount refunds", () => {
  it("TV10: an IDEAL refund of 3000 answers the order's transaction_id and a new refund_id", async () => {
    const paid = await idealOrder("tv10")
    const answer = await refund("tv10", {
      currency: "EUR",
      amount: 3000,
      description: "Return RET-1",
      refund_order_id: "tv10-r1",
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      success: true,
      data: { transaction_id: paid.transaction_id, refund_id: expect.any(Number) },
    })
    const order = await getOrder("tv10")
    expect(order.amount_refunded).toBe(3000)
    expect(order.status).toBe("completed")
    expect(order.related_transactions).toEqual([
      {
        type: "refund",
        status: "reserved",
        amount: 3000,
        currency: "EUR",
        order_id: "tv10",
        refund_order_id: "tv10-r1",
        transaction_id: answer.body.data.refund_id,
        reference_transaction_id: paid.transaction_id,
        created: expect.any(String),
        modified: expect.any(String),
        description: "Return RET-1",
      },
    ])
    expect(t.sandbox.control.completeRefund("tv10", answer.body.data.refund_id).status).toBe(
      "partial_refunded",
    )
  })

  it("amount 0 or no amount refunds everything that is left", async () => {
    await idealOrder("zero")
    await refund("zero", { currency: "EUR", amount: 2000 })
    const full = await refund("zero", { currency: "EUR", amount: 0 })
    expect(full.status).toBe(200)
    const order = await getOrder("zero")
    expect(order.related_transactions[1].amount).toBe(7500)
    expect(order.amount_refunded).toBe(9500)
    expect((await refund("zero", { currency: "EUR" })).body.error_code).toBe(1034)
    await idealOrder("absent")
    await refund("absent", { currency: "EUR" })
    expect((await getOrder("absent")).amount_refunded).toBe(9500)
  })

  it("refuses amount together with checkout_data (1000)", async () => {
    await createPaidOrder(t, o1Body("both", "KLARNA"))
    const items = await currentCart(t, "both")
    const answer = await refund("both", { currency: "EUR", amount: 3000, checkout_data: { items } })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      success: false,
      data: {},
      error_code: 1000,
      error_info: "Provide either amount or checkout_data, not both",
    })
  })

  it("checks currency (1002), amount format (1001) and the remaining amount (1034)", async () => {
    await idealOrder("limits")
    expect((await refund("limits", { currency: "USD", amount: 100 })).body.error_code).toBe(1002)
    expect((await refund("limits", { amount: 100 })).body.error_code).toBe(1002)
    expect((await refund("limits", { currency: "EUR", amount: 10.5 })).body.error_code).toBe(1001)
    expect((await refund("limits", { currency: "EUR", amount: "100" })).body.error_code).toBe(1001)
    expect((await refund("limits", { currency: "EUR", amount: 9000 })).status).toBe(200)
    const over = await refund("limits", { currency: "EUR", amount: 501 })
    expect(over.status).toBe(400)
    expect(over.body.error_code).toBe(1034)
    expect(over.body.error_info).toContain("exceeds the remaining amount")
  })

  it("TV12: the same amount again within 5 minutes is refused (1034), after 301 s it is accepted", async () => {
    await idealOrder("tv12")
    const body = { currency: "EUR", amount: 3000, description: "Return" }
    expect((await refund("tv12", body)).status).toBe(200)
    t.sandbox.control.advanceClock(299_000)
    const duplicate = await refund("tv12", body)
    expect(duplicate.status).toBe(400)
    expect(duplicate.body.error_code).toBe(1034)
    expect(duplicate.body.error_info).toContain("within 5 minutes")
    t.sandbox.control.advanceClock(2_000)
    expect((await refund("tv12", body)).status).toBe(200)
  })

  it("a refund_order_id can be used once per order", async () => {
    await idealOrder("rid")
    expect(
      (await refund("rid", { currency: "EUR", amount: 100, refund_order_id: "r-1" })).status,
    ).toBe(200)
    const again = await refund("rid", { currency: "EUR", amount: 200, refund_order_id: "r-1" })
    expect(again.body).toMatchObject({
      error_code: 1000,
      error_info: "Refund order ID already exists",
    })
    expect(
      (await refund("rid", { currency: "EUR", amount: 200, refund_order_id: "x".repeat(51) })).body
        .error_code,
    ).toBe(1000)
  })

  it("refuses unknown (1006, 404), unpaid and cancelled orders (1034)", async () => {
    const unknown = await refund("nope", { currency: "EUR", amount: 100 })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error_code).toBe(1006)
    await t.api("POST", "orders", orderBody({ order_id: "open", gateway: "IDEAL" }))
    expect((await refund("open", { currency: "EUR", amount: 100 })).body.error_code).toBe(1034)
    await idealOrder("cancelled")
    expect(
      (await t.api("PATCH", "orders/cancelled", { status: "cancelled", exclude_order: true }))
        .status,
    ).toBe(200)
    expect((await getOrder("cancelled")).financial_status).toBe("cancelled")
    const answer = await refund("cancelled", { currency: "EUR", amount: 100 })
    expect(answer.body.error_code).toBe(1034)
    expect(answer.body.error_info).toContain("cancelled")
  })

  it("full completion makes the order refunded; a failed refund puts it back", async () => {
    await idealOrder("states")
    const first = (await refund("states", { currency: "EUR", amount: 4000 })).body.data.refund_id
    const second = (await refund("states", { currency: "EUR", amount: 5500 })).body.data.refund_id
    expect(t.sandbox.control.completeRefund("states", first).status).toBe("partial_refunded")
    expect(t.sandbox.control.completeRefund("states", second).status).toBe("refunded")
    expect(() => t.sandbox.control.failRefund("states", second)).toThrow(/completed/)
    await idealOrder("states-2")
    const pending = (await refund("states-2", { currency: "EUR", amount: 4000 })).body.data
      .refund_id
    const failed = t.sandbox.control.failRefund("states-2", pending, "bank refused")
    expect(failed).toMatchObject({ status: "completed", amount_refunded: 0 })
  })

  it("refundsStartAs completed applies the completion at once", async () => {
    const quick = await startTestSandbox({ refundsStartAs: "completed" })
    try {
      await createPaidOrder(quick, orderBody({ order_id: "quick", gateway: "IDEAL" }))
      await quick.api("POST", "orders/quick/refunds", { currency: "EUR", amount: 9500 })
      const order = (await quick.api("GET", "orders/quick")).body.data
      expect(order.status).toBe("refunded")
      expect(order.related_transactions[0].status).toBe("completed")
    } finally {
      await quick.sandbox.close()
    }
  })

  it("dashboard refunds on amount orders count against the remaining amount", async () => {
    await idealOrder("dash")
    const { order } = t.sandbox.control.dashboardRefund("dash", { amount: 9000 })
    expect(order.amount_refunded).toBe(9000)
    expect((await refund("dash", { currency: "EUR", amount: 600 })).body.error_code).toBe(1034)
  })
})

describe("manual capture", () => {
  const cardOrder = (orderId: string) =>
    createPaidOrder(t, orderBody({ order_id: orderId, gateway: "VISA", capture: "manual" }))

  it("refunds only what was captured, also through the capture's new_order_id", async () => {
    const paid = await cardOrder("card")
    expect(paid.payment_details).toEqual({ type: "VISA", capture: "manual", capture_remain: 9500 })
    expect((await refund("card", { currency: "EUR", amount: 100 })).body.error_code).toBe(1034)
    expect((await t.api("POST", "orders/card/capture", { amount: 9501 })).body.error_code).toBe(
      1000,
    )
    const capture = await t.api("POST", "orders/card/capture", {
      amount: 6000,
      new_order_id: "card-c1",
      new_order_status: "completed",
    })
    expect(capture.body.data).toEqual({ transaction_id: expect.any(Number), order_id: "card-c1" })
    const viaAlias = (await t.api("GET", "orders/card-c1")).body.data
    expect(viaAlias.order_id).toBe("card")
    expect(viaAlias.payment_details.capture_remain).toBe(3500)
    expect(viaAlias.related_transactions[0]).toMatchObject({
      type: "capture",
      amount: 6000,
      order_id: "card-c1",
    })
    expect((await refund("card-c1", { currency: "EUR", amount: 6001 })).body.error_code).toBe(1034)
    expect((await refund("card-c1", { currency: "EUR", amount: 6000 })).status).toBe(200)
  })

  it("PATCH /capture/{id} cancels an untouched authorisation: the order becomes void", async () => {
    await cardOrder("void-auth")
    expect(
      (await t.api("PATCH", "capture/void-auth", { status: "cancelled", reason: "customer" }))
        .status,
    ).toBe(200)
    expect((await getOrder("void-auth")).status).toBe("void")
    expect((await t.api("POST", "orders/void-auth/capture", { amount: 100 })).body.error_code).toBe(
      1000,
    )
  })
})

describe("PATCH /orders/{id}", () => {
  it("ships a completed pay-later order; refunds stay possible; it can no longer be cancelled", async () => {
    await createPaidOrder(t, o1Body("ship", "KLARNA"))
    const shipped = await t.api("PATCH", "orders/ship", {
      status: "shipped",
      tracktrace_code: "3S123",
      carrier: "PostNL",
      ship_date: "2026-01-05",
    })
    expect(shipped.body).toEqual({ success: true, data: {} })
    expect((await getOrder("ship")).status).toBe("shipped")
    expect((await t.api("PATCH", "orders/ship", { status: "cancelled" })).body.error_code).toBe(
      1000,
    )
    expect((await t.api("PATCH", "orders/ship", { status: "shipped" })).body.error_code).toBe(1000)
    const items = await currentCart(t, "ship")
    const answer = await refund("ship", {
      checkout_data: {
        items: [...items, { ...items[1], quantity: -1 }],
      },
    })
    expect(answer.status).toBe(200)
    expect(t.sandbox.control.completeRefund("ship", answer.body.data.refund_id).status).toBe(
      "shipped",
    )
  })

  it("refuses shipping non-pay-later or unpaid orders", async () => {
    await idealOrder("ideal-ship")
    expect((await t.api("PATCH", "orders/ideal-ship", { status: "shipped" })).body.error_code).toBe(
      1000,
    )
    await t.api("POST", "orders", o1Body("unpaid-ship", "KLARNA"))
    expect(
      (await t.api("PATCH", "orders/unpaid-ship", { status: "shipped" })).body.error_code,
    ).toBe(1000)
    expect((await t.api("PATCH", "orders/unpaid-ship", { status: "cancelled" })).status).toBe(200)
  })
})
