import { paidOrder, refundBody, startTestSandbox, useTestSandbox } from "./support/sandbox-client"

const t = useTestSandbox()
const eur = (amount: number) => ({ amount, currency: "EUR" })

describe("POST …/refunds (docs/gateways/worldline.md#refund-request, #refund-limits)", () => {
  it("refunds by order: one Credit, Processed, carrying requestId and the capture it refunds", async () => {
    await paidOrder(t, "r1")
    const captureId = t.sandbox.control.order("r1")!.transactions[1].transactionId
    const answer = await t.api("POST", "/r1/refunds", refundBody("lr_1", 20.05))
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({ orderState: "Paid", refundedAmount: eur(20.05) })
    expect(answer.body.transactions).toEqual([
      expect.objectContaining({
        transactionType: "Credit",
        state: "Processed",
        amount: eur(20.05),
        requestId: "lr_1",
        referenceTransactionId: captureId,
      }),
    ])
    await t.api("POST", "/r1/refunds", refundBody("lr_2", 41))
    expect(t.sandbox.control.order("r1")).toMatchObject({
      orderState: "Refunded",
      refundedAmount: eur(61.05),
    })
  })

  it("over the captured amount is 22041 and refundedAmount is unchanged", async () => {
    await paidOrder(t, "r2")
    await t.api("POST", "/r2/refunds", refundBody("a", 60))
    const over = await t.api("POST", "/r2/refunds", refundBody("b", 1.06))
    expect(over.status).toBe(422)
    expect(over.body).toEqual({ statusCode: 22041, description: expect.any(String) })
    expect(t.sandbox.control.order("r2")!.refundedAmount).toEqual(eur(60))
    expect(t.sandbox.control.refunds("r2")).toHaveLength(1)
    // refusals are not stored under the request id: it may be sent again later
    expect((await t.api("POST", "/r2/refunds", refundBody("b", 1.05))).status).toBe(201)
  })

  it("another currency is 22047; a transactionId that is not a capture of the order is 22033", async () => {
    await paidOrder(t, "r3")
    const currency = await t.api("POST", "/r3/refunds", {
      requestId: "c",
      amount: { amount: 1, currency: "USD" },
    })
    expect(currency.body.statusCode).toBe(22047)
    const authorizationId = t.sandbox.control.order("r3")!.transactions[0].transactionId
    for (const transactionId of [authorizationId, "9999999"]) {
      const answer = await t.api("POST", "/r3/refunds", refundBody("d", 1, { transactionId }))
      expect(answer.status).toBe(422)
      expect(answer.body.statusCode).toBe(22033)
    }
  })

  it("by order, spreads over the captures oldest first, one Credit per capture touched", async () => {
    await paidOrder(t, "r4", { captures: [20, 41.05] })
    const [, first, second] = t.sandbox.control.order("r4")!.transactions
    const answer = await t.api("POST", "/r4/refunds", refundBody("spread", 30))
    expect(
      answer.body.transactions.map((c: any) => [c.referenceTransactionId, c.amount.amount]),
    ).toEqual([
      [first.transactionId, 20],
      [second.transactionId, 10],
    ])
    expect(answer.body.refundedAmount).toEqual(eur(30))
  })

  it("by transactionId, one result up to that capture's rest", async () => {
    await paidOrder(t, "r5", { captures: [20, 41.05] })
    const second = t.sandbox.control.order("r5")!.transactions[2].transactionId
    const answer = await t.api(
      "POST",
      "/r5/refunds",
      refundBody("one", 41.05, { transactionId: second }),
    )
    expect(answer.body.transactions).toEqual([
      expect.objectContaining({ referenceTransactionId: second, amount: eur(41.05) }),
    ])
    const over = await t.api(
      "POST",
      "/r5/refunds",
      refundBody("two", 0.01, { transactionId: second }),
    )
    expect(over.body.statusCode).toBe(22041)
  })

  it("a requestId replay with the same parameters answers the original result (200) and makes no new credit", async () => {
    await paidOrder(t, "r6")
    const first = await t.api("POST", "/r6/refunds", refundBody("rep", 10.5))
    const again = await t.api("POST", "/r6/refunds", {
      requestId: "rep",
      amount: { amount: 10.5, currency: "EUR" },
    })
    expect(again.status).toBe(200)
    expect(again.body.transactions).toEqual(first.body.transactions)
    expect(t.sandbox.control.refunds("r6")).toHaveLength(1)
    const other = await t.api("POST", "/r6/refunds", refundBody("rep", 10.51))
    expect(other.status).toBe(409)
    expect(other.body.statusCode).toBe(11001)
  })

  it("refunds of a payout method are Registered Payouts until settled", async () => {
    await paidOrder(t, "r7", { overrides: { paymentMethodId: 7000 } })
    const answer = await t.api("POST", "/r7/refunds", refundBody("po", 10))
    expect(answer.body.transactions).toEqual([
      expect.objectContaining({
        transactionType: "Payout",
        state: "Registered",
        description: "Waiting for the consumer's account details",
      }),
    ])
    expect(answer.body.refundedAmount).toEqual(eur(0))
    // registered refunds count against the limit
    expect((await t.api("POST", "/r7/refunds", refundBody("po2", 51.06))).body.statusCode).toBe(
      22041,
    )
    const settled = t.sandbox.control.settleRefund("r7", "po", { state: "Processed" })
    expect(settled.refundedAmount).toEqual(eur(10))
    const replay = await t.api("POST", "/r7/refunds", refundBody("po", 10))
    expect(replay.body.transactions[0].state).toBe("Processed")
    expect(() => t.sandbox.control.settleRefund("r7", "po", { state: "Declined" })).toThrow(
      /not Registered/,
    )
  })

  it("creditsStartAs Registered leaves credits pending; a declined one keeps its request id", async () => {
    await paidOrder(t, "r8")
    t.sandbox.control.setCreditsStartAs("Registered")
    const answer = await t.api("POST", "/r8/refunds", refundBody("pend", 5))
    const id = answer.body.transactions[0].transactionId
    expect(answer.body.transactions[0].state).toBe("Registered")
    t.sandbox.control.settleRefund("r8", id, { state: "Declined", description: "Account closed" })
    expect(t.sandbox.control.refunds("r8")).toEqual([
      expect.objectContaining({
        state: "Declined",
        description: "Account closed",
        amount: "5.00",
        requestId: "pend",
      }),
    ])
    expect(t.sandbox.control.order("r8")!.refundedAmount).toEqual(eur(0))
  })

  it("refuses a missing or too long requestId with 400", async () => {
    await paidOrder(t, "r9")
    expect((await t.api("POST", "/r9/refunds", { amount: eur(1) })).status).toBe(400)
    expect((await t.api("POST", "/r9/refunds", refundBody("x".repeat(65), 1))).status).toBe(400)
    expect((await t.api("POST", "/r9/refunds", refundBody("x".repeat(64), 1))).status).toBe(201)
  })

  it("dashboard refunds are Processed credits without a request id", async () => {
    await paidOrder(t, "r10")
    const { transaction, order } = t.sandbox.control.dashboardRefund("r10", { amount: "10.00" })
    expect(transaction).toMatchObject({
      transactionType: "Credit",
      state: "Processed",
      requestId: null,
      amount: eur(10),
    })
    expect(order.refundedAmount).toEqual(eur(10))
  })
})

describe("options", () => {
  it('refusalShape "rejected_transaction" answers business refusals 200 with one Rejected Credit, counted nowhere', async () => {
    const other = await startTestSandbox({ refusalShape: "rejected_transaction" })
    try {
      await paidOrder(other, "o1")
      const answer = await other.api("POST", "/o1/refunds", refundBody("big", 100))
      expect(answer.status).toBe(200)
      expect(answer.body.transactions).toEqual([
        expect.objectContaining({
          transactionType: "Credit",
          state: "Rejected",
          statusCode: 22041,
          requestId: "big",
        }),
      ])
      expect(answer.body.refundedAmount).toEqual(eur(0))
      expect(other.sandbox.control.refunds("o1")).toEqual([])
      // input errors stay HTTP errors
      expect((await other.api("POST", "/o1/refunds", refundBody("dec", 1.005))).status).toBe(400)
    } finally {
      await other.sandbox.close()
    }
  })

  it("unlimitedRefundAmount lets refunds exceed what was captured", async () => {
    const other = await startTestSandbox({ unlimitedRefundAmount: true })
    try {
      await paidOrder(other, "o2")
      const answer = await other.api("POST", "/o2/refunds", refundBody("more", 70))
      expect(answer.status).toBe(201)
      expect(answer.body.refundedAmount).toEqual(eur(70))
    } finally {
      await other.sandbox.close()
    }
  })
})
