import {
  createOrder,
  MERCHANT_ID,
  paidOrder,
  refundBody,
  useTestSandbox,
} from "./support/sandbox-client"

const FIXED_NOW = "2026-04-01T08:30:00.000Z"
const t = useTestSandbox({ now: () => new Date(FIXED_NOW) })
const NOT_FOUND = { statusCode: 404, message: "Not Found" }

describe("POST /orders/{ref}/details", () => {
  it("answers a new order with string amounts and its history", async () => {
    await createOrder(t, "d1")
    expect(await t.details("d1")).toEqual({
      orderReference: "d1",
      merchantId: MERCHANT_ID,
      status: "INITIATED",
      provider: "KLARNA_AU",
      bnplOrderId: null,
      orderAmount: "143.11",
      surchargeAmount: "0.00",
      currency: "AUD",
      transactionHistory: [{ status: "INITIATED", createdAt: FIXED_NOW }],
      refunds: [],
      orderCaptures: [],
      orderVoids: [],
    })
  })

  it("shows captures, voids and refunds of a paid order", async () => {
    await paidOrder(t, "d2", { capture: false, surchargeAmount: "1.50" })
    const capture = await t.api("POST", "/orders/d2/capture", {
      captureReference: "cap-d2",
      amount: 100,
    })
    const voided = await t.api("POST", "/orders/d2/void", {
      voidReference: "void-d2",
      amount: 43.11,
    })
    const refund = await t.api("POST", "/orders/d2/refund", refundBody("lr-d2-1", 24.5))
    const details = await t.details("d2")
    expect(details).toEqual({
      orderReference: "d2",
      merchantId: MERCHANT_ID,
      status: "VOIDED",
      provider: "KLARNA_AU",
      bnplOrderId: t.sandbox.control.order("d2")?.bnplOrderId,
      orderAmount: "143.11",
      surchargeAmount: "1.50",
      currency: "AUD",
      transactionHistory: ["INITIATED", "PENDING", "SUCCESSFUL", "VOIDED"].map((status) => ({
        status,
        createdAt: FIXED_NOW,
      })),
      refunds: [
        {
          refundId: "lr-d2-1-00",
          amount: "24.50",
          currency: "AUD",
          status: "SUCCESSFUL",
          createdAt: FIXED_NOW,
          refundReason: "Return for lr-d2-1",
          refundFailureReason: null,
        },
      ],
      orderCaptures: [
        {
          captureId: capture.body.captureId,
          captureReference: "cap-d2",
          amount: "100.00",
          currency: "AUD",
          createdAt: FIXED_NOW,
        },
      ],
      orderVoids: [
        {
          voidedId: voided.body.voidedId,
          voidReference: "void-d2",
          amount: "43.11",
          currency: "AUD",
          createdAt: FIXED_NOW,
        },
      ],
    })
    expect(details.bnplOrderId).toMatch(/^[0-9a-f-]{36}$/)
    expect(refund.body.refundReference).toBe("lr-d2-1-00")
  })

  it("answers 404 for another merchantId, no merchantId, or an unknown order", async () => {
    await createOrder(t, "d3")
    const other = await t.api("POST", "/orders/d3/details?merchantId=merchant-43", {})
    expect(other.status).toBe(404)
    expect(other.body).toEqual(NOT_FOUND)
    expect((await t.api("POST", "/orders/d3/details", {})).body).toEqual(NOT_FOUND)
    const unknown = await t.api("POST", `/orders/nope/details?merchantId=${MERCHANT_ID}`, {})
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual(NOT_FOUND)
  })

  it("needs a token like every API call", async () => {
    await createOrder(t, "d4")
    const answer = await t.api(
      "POST",
      `/orders/d4/details?merchantId=${MERCHANT_ID}`,
      {},
      {
        token: null,
      },
    )
    expect(answer.status).toBe(401)
  })
})
