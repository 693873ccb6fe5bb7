import { createOrder, useTestSandbox } from "./support/sandbox-client"

const t = useTestSandbox()
const eur = (amount: number) => ({ amount, currency: "EUR" })

async function authorised(orderId: string, overrides: Record<string, unknown> = {}) {
  await createOrder(t, orderId, overrides)
  t.sandbox.control.pay(orderId)
}

describe("captures (docs/gateways/worldline.md#orders-and-payments)", () => {
  it("without an amount captures the rest, and answers the order with the capture", async () => {
    await authorised("c1")
    const answer = await t.api("POST", "/c1/captures", { requestId: "r1" })
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({
      orderState: "Paid",
      capturable: false,
      capturedAmount: eur(61.05),
    })
    expect(answer.body.transactions).toEqual([
      expect.objectContaining({
        transactionType: "Capture",
        state: "Processed",
        amount: eur(61.05),
        requestId: "r1",
      }),
    ])
  })

  it("partial captures for cards add up to the authorised amount; more is 22042", async () => {
    await authorised("c2")
    expect((await t.api("POST", "/c2/captures", { requestId: "p1", amount: eur(20) })).status).toBe(
      201,
    )
    expect(t.sandbox.control.order("c2")).toMatchObject({ orderState: "Paid", capturable: true })
    const over = await t.api("POST", "/c2/captures", { requestId: "p2", amount: eur(41.06) })
    expect(over.status).toBe(422)
    expect(over.body.statusCode).toBe(22042)
    expect(
      (await t.api("POST", "/c2/captures", { requestId: "p3", amount: eur(41.05) })).status,
    ).toBe(201)
    expect(t.sandbox.control.order("c2")!.capturedAmount).toEqual(eur(61.05))
  })

  it("a method without partial captures is captured once, in full", async () => {
    await authorised("c3", { paymentMethodId: 7000 })
    const partial = await t.api("POST", "/c3/captures", { requestId: "q1", amount: eur(20) })
    expect(partial.body.statusCode).toBe(22044)
    expect((await t.api("POST", "/c3/captures", { requestId: "q2" })).status).toBe(201)
  })

  it("a requestId replay answers the original capture, and captures nothing more", async () => {
    await authorised("c4")
    const first = await t.api("POST", "/c4/captures", { requestId: "same", amount: eur(10) })
    const again = await t.api("POST", "/c4/captures", { requestId: "same", amount: eur(10) })
    expect(again.status).toBe(200)
    expect(again.body.transactions).toEqual(first.body.transactions)
    expect(t.sandbox.control.order("c4")!.capturedAmount).toEqual(eur(10))
    const other = await t.api("POST", "/c4/captures", { requestId: "same", amount: eur(11) })
    expect(other.status).toBe(409)
    expect(other.body.statusCode).toBe(11001)
  })

  it("a capture after a cancel is 22044", async () => {
    await authorised("c5")
    await t.api("POST", "/c5/cancels", { requestId: "x1" })
    const answer = await t.api("POST", "/c5/captures", { requestId: "x2" })
    expect(answer.status).toBe(422)
    expect(answer.body.statusCode).toBe(22044)
  })
})

describe("captures in the portal (control portalCapture)", () => {
  it("leave the rest to the API's capture, so the order holds two captures", async () => {
    await authorised("pc1")
    const { transaction } = t.sandbox.control.portalCapture("pc1", { amount: "20.00" })
    expect(transaction).toMatchObject({ transactionType: "Capture", requestId: null })
    expect((await t.api("POST", "/pc1/captures", { requestId: "rest" })).status).toBe(201)
    const captures = t.sandbox.control
      .order("pc1")!
      .transactions.filter((c) => c.transactionType === "Capture")
    expect(captures.map((c) => c.amount)).toEqual([eur(20), eur(41.05)])
  })

  it("follow the API's rules: no partial capture for a method without them, none over the rest", async () => {
    await authorised("pc2", { paymentMethodId: 7000 })
    expect(() => t.sandbox.control.portalCapture("pc2", { amount: "20.00" })).toThrow(
      /22044|once, in full/,
    )
    await authorised("pc3")
    expect(() => t.sandbox.control.portalCapture("pc3", { amount: "61.06" })).toThrow(/exceeds/)
    expect(() => t.sandbox.control.portalCapture("pc3", { amount: "1.001" })).toThrow(
      /positive decimal/,
    )
    expect(t.sandbox.control.order("pc3")!.capturedAmount).toEqual(eur(0))
  })
})

describe("cancels", () => {
  it("before any capture cancels the order", async () => {
    await authorised("k1")
    const answer = await t.api("POST", "/k1/cancels", { requestId: "k1-cancel" })
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({ orderState: "Cancelled", capturable: false })
    expect(answer.body.transactions).toEqual([
      expect.objectContaining({ transactionType: "Cancel", state: "Processed" }),
    ])
    // retry-safe under its requestId
    expect((await t.api("POST", "/k1/cancels", { requestId: "k1-cancel" })).status).toBe(200)
    expect((await t.api("POST", "/k1/cancels", { requestId: "k1-other" })).body.statusCode).toBe(
      22044,
    )
  })

  it("after a capture is 22044", async () => {
    await authorised("k2")
    await t.api("POST", "/k2/captures", { requestId: "k2-cap", amount: eur(5) })
    const answer = await t.api("POST", "/k2/cancels", { requestId: "k2-cancel" })
    expect(answer.status).toBe(422)
    expect(answer.body.statusCode).toBe(22044)
    expect(t.sandbox.control.order("k2")!.orderState).toBe("Paid")
  })
})
