import {
  createOrder,
  paidOrder,
  refundBody,
  startTestSandbox,
  useTestSandbox,
} from "./support/sandbox-client"

const FIXED_NOW = new Date("2021-10-08T06:22:20.000Z")
const t = useTestSandbox({ now: () => FIXED_NOW, fullRefundOnlyProviders: ["LATITUDEPAY_AU"] })
const refund = (ref: string, body: unknown) => t.api("POST", `/orders/${ref}/refund`, body)
const overLimit = (amount: string) => ({
  statusCode: 400,
  message: `You can only refund amount up to AUD ${amount}`,
  error: "Bad Request",
})

describe("POST /orders/{ref}/refund", () => {
  // the answer's shape: docs/gateways/optty.md#refund-request; the -00 suffix:
  // docs/gateways/optty.md#refund-references
  it("refunds and answers in Optty's documented shape, the reference suffixed -00", async () => {
    await paidOrder(t, "r1", { overrides: { dynamicCallbackUrl: "https://backend.example/hook" } })
    const answer = await refund("r1", {
      refundReference: "lr-r1-1",
      refundAmount: { amount: 24.98, currency: "AUD" },
      refundDescription: "Return RET-12: 1× T-shirt M, 2× Mug",
      isActivatedViaOAuth: false,
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      refundReference: "lr-r1-1-00",
      bnplProvider: "KLARNA_AU",
      refundedAmount: 24.98,
      refundStatus: "SUCCESSFUL",
      description: "Return RET-12: 1× T-shirt M, 2× Mug",
      refundDate: "Fri, 08 Oct 2021 06:22:20 GMT",
      bnplRefundId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      callbackUrl: "https://backend.example/hook",
    })
    const stored = t.sandbox.control.order("r1")?.refunds[0]
    expect(stored).toMatchObject({
      refundId: "lr-r1-1-00",
      sentReference: "lr-r1-1",
      source: "api",
      amountCents: 2498,
      status: "SUCCESSFUL",
      isActivatedViaOAuth: false,
      bnplRefundId: answer.body.bnplRefundId,
    })
  })

  it("refuses more than what is left with Optty's message, verbatim", async () => {
    await paidOrder(t, "r2")
    expect((await refund("r2", refundBody("r2-a", 118.13))).status).toBe(200)
    const over = await refund("r2", refundBody("r2-b", 25))
    expect(over.status).toBe(400)
    expect(over.body).toEqual(overLimit("24.98"))
  })

  it("takes repeated partial refunds exactly up to the limit, never a cent more", async () => {
    await paidOrder(t, "r3")
    const amounts = [0.1, 0.2, 10.01, 33.33, 99.47]
    for (const [index, amount] of amounts.entries()) {
      const answer = await refund("r3", refundBody(`r3-${index}`, amount))
      expect(answer.status).toBe(200)
      expect(answer.body.refundedAmount).toBe(amount)
    }
    // 143.11 − (0.10 + 0.20 + 10.01 + 33.33 + 99.47) = 0.00 exactly
    expect((await refund("r3", refundBody("r3-x", 0.01))).body).toEqual(overLimit("0.00"))
    const details = await t.details("r3")
    expect(details.refunds.map((r: any) => r.amount)).toEqual([
      "0.10",
      "0.20",
      "10.01",
      "33.33",
      "99.47",
    ])
  })

  it("only refunds what was captured, and the surcharge once something is", async () => {
    await paidOrder(t, "r4", { capture: false, surchargeAmount: "2.00" })
    expect((await refund("r4", refundBody("r4-a", 1))).body).toEqual(overLimit("0.00"))
    await t.api("POST", "/orders/r4/capture", { captureReference: "r4-c", amount: 50 })
    expect((await refund("r4", refundBody("r4-b", 52.01))).body).toEqual(overLimit("52.00"))
    expect((await refund("r4", refundBody("r4-c", 52))).status).toBe(200)
  })

  it("refuses another currency", async () => {
    await paidOrder(t, "r5")
    const answer = await refund(
      "r5",
      refundBody("r5-a", 10, { refundAmount: { amount: 10, currency: "NZD" } }),
    )
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      statusCode: 400,
      message: "Refund currency NZD does not match the order currency AUD",
      error: "Bad Request",
    })
  })

  it("refuses more than 2 decimals as a validation error, without rounding", async () => {
    await paidOrder(t, "r6")
    const answer = await refund("r6", refundBody("r6-a", 24.985))
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      statusCode: 400,
      message: ["refundAmount.amount must have at most 2 decimal places"],
      error: "Bad Request",
    })
    expect(t.sandbox.control.order("r6")?.refunds).toEqual([])
  })

  it("requires all four fields", async () => {
    await paidOrder(t, "r7")
    const answer = await refund("r7", { refundAmount: { amount: 0 } })
    expect(answer.body.message).toEqual([
      "refundReference must be a string",
      "refundAmount.amount must be a positive number",
      "refundAmount.currency must be a string",
      "refundDescription must be a string",
      "isActivatedViaOAuth must be a boolean value",
    ])
  })

  it("refuses a reference used before, even by another order, before the amount rules", async () => {
    await paidOrder(t, "r8")
    await paidOrder(t, "r9")
    expect((await refund("r8", refundBody("same-ref", 143.11))).status).toBe(200)
    const again = await refund("r8", refundBody("same-ref", 143.11))
    expect(again.body).toEqual({
      statusCode: 400,
      message: "Refund reference same-ref already exists",
      error: "Bad Request",
    })
    expect((await refund("r9", refundBody("same-ref", 1))).body.message).toBe(
      "Refund reference same-ref already exists",
    )
  })

  it("a full-refund-only provider takes one refund of the whole amount", async () => {
    await paidOrder(t, "r10", { overrides: { bnplProvider: "LATITUDEPAY_AU" } })
    const partial = await refund("r10", refundBody("r10-a", 100))
    expect(partial.body).toEqual({
      statusCode: 400,
      message:
        "LATITUDEPAY_AU does not support partial refunds: only a full refund of AUD 143.11 is possible",
      error: "Bad Request",
    })
    expect((await refund("r10", refundBody("r10-b", 143.11))).status).toBe(200)
    expect((await refund("r10", refundBody("r10-c", 1))).body).toEqual(overLimit("0.00"))
  })

  it("refuses orders that were not paid, and unknown orders with 404", async () => {
    await createOrder(t, "r11")
    t.sandbox.control.pay("r11", { status: "DECLINED" })
    const declined = await refund("r11", refundBody("r11-a", 1))
    expect(declined.body.message).toBe("Order r11 cannot be refunded: its status is DECLINED")
    const unknown = await refund("nope", refundBody("r-nope", 1))
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual({ statusCode: 404, message: "Not Found" })
  })

  it("the merchant-level webhook URL is the callbackUrl when the order has none", async () => {
    const other = await startTestSandbox({ webhookUrl: "https://merchant.example/optty" })
    other.sandbox.control.setAutoNotify(false)
    try {
      await paidOrder(other, "r12")
      const answer = await other.api("POST", "/orders/r12/refund", refundBody("r12-a", 1))
      expect(answer.body.callbackUrl).toBe("https://merchant.example/optty")
    } finally {
      await other.sandbox.close()
    }
    await paidOrder(t, "r13")
    expect((await refund("r13", refundBody("r13-a", 1))).body.callbackUrl).toBe("")
  })
})
