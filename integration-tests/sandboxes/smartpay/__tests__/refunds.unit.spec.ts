import {
  createCheckout,
  paidOrder,
  refundBody,
  startTestSandbox,
  useTestSandbox,
} from "./support/sandbox-client"

const t = useTestSandbox()

describe("POST /refunds (docs/gateways/smartpay.md#refund-request, #refund-answer)", () => {
  it("refunds a payment: a refund_test_ object, succeeded, carrying the li ids and fields sent", async () => {
    const { paymentIds, lineItemIds } = await paidOrder(t)
    const answer = await t.api(
      "POST",
      "/refunds",
      refundBody(paymentIds[0], 2000, {
        lineItems: [lineItemIds[0]],
        description: "Return: 1 × Shirt",
        reference: "lr_01",
        metadata: { medusa_return_id: "ret_01" },
      }),
    )
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      object: "refund",
      test: true,
      status: "succeeded",
      payment: paymentIds[0],
      amount: 2000,
      currency: "JPY",
      lineItems: [lineItemIds[0]],
      reason: "requested_by_customer",
      description: "Return: 1 × Shirt",
      reference: "lr_01",
      metadata: { medusa_return_id: "ret_01" },
    })
    expect(answer.body.id).toMatch(/^refund_test_[0-9a-zA-Z]+$/)
    expect((await t.api("GET", `/refunds/${answer.body.id}`)).body).toEqual(answer.body)
    expect((await t.api("GET", `/payments/${paymentIds[0]}`)).body.refunds).toEqual([
      answer.body.id,
    ])
    expect((await t.api("GET", "/refunds/refund_test_nope")).status).toBe(404)
  })

  it("refunds at most the payment minus earlier refunds: 403 amount.insufficient, nothing made", async () => {
    const { paymentIds } = await paidOrder(t)
    expect((await t.api("POST", "/refunds", refundBody(paymentIds[0], 6000))).status).toBe(200)
    const over = await t.api("POST", "/refunds", refundBody(paymentIds[0], 501))
    expect(over.status).toBe(403)
    expect(over.body).toMatchObject({ statusCode: 403, errorCode: "amount.insufficient" })
    expect((await t.api("POST", "/refunds", refundBody(paymentIds[0], 500))).status).toBe(200)
    const payment = await t.api("GET", `/payments/${paymentIds[0]}`)
    expect(payment.body.status).toBe("refunded")
    expect(payment.body.refunds).toHaveLength(2)
  })

  it("without amount refunds what is left (doc); nothing left is amount.insufficient", async () => {
    const { paymentIds } = await paidOrder(t)
    await t.api("POST", "/refunds", refundBody(paymentIds[0], 1500))
    const rest = await t.api(
      "POST",
      "/refunds",
      refundBody(paymentIds[0], 0, { amount: undefined }),
    )
    expect(rest.body.amount).toBe(5000)
    const none = await t.api(
      "POST",
      "/refunds",
      refundBody(paymentIds[0], 0, { amount: undefined }),
    )
    expect(none.body.errorCode).toBe("amount.insufficient")
  })

  it("an unknown payment is 404 payment.not-found", async () => {
    const answer = await t.api("POST", "/refunds", refundBody("payment_test_nope", 100))
    expect(answer.status).toBe(404)
    expect(answer.body.errorCode).toBe("payment.not-found")
  })

  it.each([
    ["no reason", { reason: undefined }],
    ["another reason", { reason: "damaged" }],
    ["no currency", { currency: undefined }],
    ["another currency", { currency: "USD" }],
    ["a float amount", { amount: 100.5 }],
    ["a zero amount", { amount: 0 }],
    ["a description over 80", { description: "x".repeat(81) }],
    ["an empty description", { description: "" }],
    ["a reference over 40", { reference: "x".repeat(41) }],
    ["lineItems not a list of ids", { lineItems: [{ id: "li_test_x", quantity: 1 }] }],
    ["the same li twice", { lineItems: ["dup", "dup"] }],
  ])("refuses %s with 400 request.invalid", async (_label, extra) => {
    const { paymentIds } = await paidOrder(t)
    const answer = await t.api("POST", "/refunds", refundBody(paymentIds[0], 100, extra))
    expect(answer.status).toBe(400)
    expect(answer.body.errorCode).toBe("request.invalid")
    expect(t.sandbox.control.requests().at(-1)!.processedStatus).toBe(400)
  })

  it("accepts limits exactly: description 80, reference 40", async () => {
    const { paymentIds } = await paidOrder(t)
    const answer = await t.api(
      "POST",
      "/refunds",
      refundBody(paymentIds[0], 100, {
        description: "d".repeat(80),
        reference: "r".repeat(40),
        reason: "fraudulent",
      }),
    )
    expect(answer.status).toBe(200)
  })
})

describe("a lagging refund listing (control setRefundListingDelay)", () => {
  it("keeps a new refund off its payment's list for the delay; GET /refunds/{id} finds it at once", async () => {
    const { orderId, paymentIds } = await paidOrder(t)
    t.sandbox.control.setRefundListingDelay(60_000)
    const made = await t.api("POST", "/refunds", refundBody(paymentIds[0], 1000))
    expect(made.status).toBe(200)
    expect((await t.api("GET", `/payments/${paymentIds[0]}`)).body.refunds).toEqual([])
    expect((await t.api("GET", `/refunds/${made.body.id}`)).status).toBe(200)
    // the limit counts it all the same
    expect(t.sandbox.control.refunds(orderId)).toHaveLength(1)
    t.sandbox.control.advanceClock(60_000)
    expect((await t.api("GET", `/payments/${paymentIds[0]}`)).body.refunds).toEqual([made.body.id])
    t.sandbox.control.setRefundListingDelay(60_000)
    t.sandbox.control.reset()
    const again = await paidOrder(t)
    const listed = await t.api("POST", "/refunds", refundBody(again.paymentIds[0], 1000))
    expect((await t.api("GET", `/payments/${again.paymentIds[0]}`)).body.refunds).toEqual([
      listed.body.id,
    ])
    expect(() => t.sandbox.control.setRefundListingDelay(-1)).toThrow(/non-negative/)
  })
})

describe("line items and several payments (docs/gateways/smartpay.md#line-items-rule)", () => {
  it("lineItems must be li ids of that payment; the money does not follow them", async () => {
    const { orderId, lineItemIds } = await createCheckout(t)
    t.sandbox.control.pay(orderId)
    const first = await t.api("POST", "/payments", {
      order: orderId,
      amount: 4000,
      currency: "JPY",
      cancelRemainder: "manual",
      lineItems: [lineItemIds[0]],
    })
    const second = await t.api("POST", "/payments", {
      order: orderId,
      amount: 2500,
      currency: "JPY",
      cancelRemainder: "manual",
      lineItems: [lineItemIds[1], lineItemIds[2]],
    })
    const wrong = await t.api(
      "POST",
      "/refunds",
      refundBody(first.body.id, 100, { lineItems: [lineItemIds[1]] }),
    )
    expect(wrong.status).toBe(400)
    expect(wrong.body.details).toEqual([expect.stringContaining(lineItemIds[1])])
    const other = await createCheckout(t)
    expect(
      (
        await t.api(
          "POST",
          "/refunds",
          refundBody(first.body.id, 100, { lineItems: [other.lineItemIds[0]] }),
        )
      ).status,
    ).toBe(400)
    // the same line may be refunded again later (no quantities); the amount is free
    for (const amount of [1, 2000]) {
      const ok = await t.api(
        "POST",
        "/refunds",
        refundBody(first.body.id, amount, { lineItems: [lineItemIds[0]] }),
      )
      expect(ok.status).toBe(200)
    }
    // each payment has its own limit
    expect((await t.api("POST", "/refunds", refundBody(second.body.id, 2501))).body.errorCode).toBe(
      "amount.insufficient",
    )
    expect((await t.api("POST", "/refunds", refundBody(second.body.id, 2500))).status).toBe(200)
    expect(t.sandbox.control.refunds(orderId).map((r) => r.amount)).toEqual([1, 2000, 2500])
  })
})

describe("pending refunds and dashboard refunds", () => {
  it("refundsStartAs pending: counted against the limit until settled; failed ones free the money", async () => {
    const { paymentIds } = await paidOrder(t)
    t.sandbox.control.setRefundsStartAs("pending")
    const pending = await t.api(
      "POST",
      "/refunds",
      refundBody(paymentIds[0], 6000, { reference: "lr_p" }),
    )
    expect(pending.body.status).toBe("pending")
    expect((await t.api("POST", "/refunds", refundBody(paymentIds[0], 501))).body.errorCode).toBe(
      "amount.insufficient",
    )
    const failed = t.sandbox.control.settleRefund("lr_p", { status: "failed" })
    expect(failed.status).toBe("failed")
    expect((await t.api("GET", `/refunds/${pending.body.id}`)).body.status).toBe("failed")
    expect(() => t.sandbox.control.settleRefund(pending.body.id, { status: "succeeded" })).toThrow(
      /not pending/,
    )
    const next = await t.api("POST", "/refunds", refundBody(paymentIds[0], 6500), {
      idempotencyKey: "k-pend",
    })
    expect(t.sandbox.control.settleRefund("k-pend", { status: "succeeded" }).id).toBe(next.body.id)
    expect((await t.api("GET", `/payments/${paymentIds[0]}`)).body.status).toBe("refunded")
  })

  it("the refundsStartAs option sets the start status; reset puts it back", async () => {
    const other = await startTestSandbox({ refundsStartAs: "pending" })
    try {
      const { paymentIds } = await paidOrder(other)
      expect((await other.api("POST", "/refunds", refundBody(paymentIds[0], 10))).body.status).toBe(
        "pending",
      )
      other.sandbox.control.setRefundsStartAs("succeeded")
      other.sandbox.control.reset()
      const again = await paidOrder(other)
      expect(
        (await other.api("POST", "/refunds", refundBody(again.paymentIds[0], 10))).body.status,
      ).toBe("pending")
    } finally {
      await other.sandbox.close()
    }
  })

  it("dashboard refunds are succeeded refunds without key or reference, under the same limit", async () => {
    const { orderId, paymentIds } = await paidOrder(t, { captures: [1000, 5500] })
    const refund = t.sandbox.control.dashboardRefund(orderId, { amount: 3000 })
    expect(refund).toMatchObject({
      status: "succeeded",
      payment: paymentIds[1],
      amount: 3000,
      reference: null,
    })
    expect(() => t.sandbox.control.dashboardRefund(orderId, { amount: 6000 })).toThrow(
      /left to refund/,
    )
    expect(() => t.sandbox.control.dashboardRefund(orderId, { amount: 1.5 })).toThrow(/integer/)
    const rest = t.sandbox.control.dashboardRefund(orderId, { payment: paymentIds[0] })
    expect(rest.amount).toBe(1000)
  })
})
