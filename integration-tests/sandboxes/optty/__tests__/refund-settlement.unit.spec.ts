import { paidOrder, refundBody, TestSandbox, useTestSandbox } from "./support/sandbox-client"
import { startTestReceiver } from "../../kit/test-receiver"

const t = useTestSandbox()
let receiver: Awaited<ReturnType<typeof startTestReceiver>>
beforeAll(async () => {
  receiver = await startTestReceiver("/hooks/payment/optty_optty")
})
afterAll(() => receiver.close())
beforeEach(() => {
  receiver.clear()
  // webhooks on for these tests; the pay() webhook of paidOrder is cleared by `paid`
  t.sandbox.control.setAutoNotify(true)
})

const refund = (ref: string, body: unknown) => t.api("POST", `/orders/${ref}/refund`, body)

/** A paid, captured order whose webhooks go to the receiver; the payment webhook is dropped. */
async function paid(sandbox: TestSandbox, reference: string): Promise<void> {
  await paidOrder(sandbox, reference, { overrides: { dynamicCallbackUrl: receiver.url } })
  await sandbox.sandbox.control.settleNotifications()
  receiver.clear()
}

describe("PENDING refunds", () => {
  it("stay PENDING (holding the money) until settled; SUCCESSFUL sends the refund webhook", async () => {
    t.sandbox.control.setRefundsStartAs("PENDING")
    await paid(t, "s1")
    const answer = await refund("s1", refundBody("lr-s1", 40))
    expect(answer.body.refundStatus).toBe("PENDING")
    expect((await t.details("s1")).refunds[0].status).toBe("PENDING")
    expect((await refund("s1", refundBody("lr-s1-b", 103.12))).body.message).toBe(
      "You can only refund amount up to AUD 103.11",
    )
    await t.sandbox.control.settleNotifications()
    expect(receiver.received).toHaveLength(0)

    const details = t.sandbox.control.settleRefund("s1", "lr-s1-00", { status: "SUCCESSFUL" })
    expect(details.refunds[0]).toMatchObject({ refundId: "lr-s1-00", status: "SUCCESSFUL" })
    await t.sandbox.control.settleNotifications()
    expect(receiver.bodies()).toEqual([
      {
        event: "ORDER_ASYNC_CALLBACK",
        type: "REFUND",
        orderReference: "s1",
        refundReference: "lr-s1-00",
        status: "SUCCESSFUL",
        transactionId: answer.body.bnplRefundId,
        amount: "40.00",
        currency: "AUD",
      },
    ])
    const [call] = receiver.received
    expect(call.method).toBe("POST")
    expect(call.path).toBe("/hooks/payment/optty_optty")
    expect(call.headers["content-type"]).toBe("application/json")
    expect(Object.keys(call.headers).filter((name) => /signature|auth/i.test(name))).toEqual([])
    const [payment, record] = t.sandbox.control.notifications()
    expect(JSON.parse(payment.body).event).toBe("ORDER_STATUS_UPDATE")
    expect(record).toMatchObject({
      orderReference: "s1",
      trigger: "auto",
      url: receiver.url,
      body: call.rawBody,
      outcome: "delivered",
      attempts: [{ statusCode: 200, error: null, at: expect.any(String) }],
    })
  })

  it("a FAILED settlement frees the amount again and reports the reason", async () => {
    t.sandbox.control.setRefundsStartAs("PENDING")
    await paid(t, "s2")
    await refund("s2", refundBody("lr-s2", 143.11))
    expect((await refund("s2", refundBody("lr-s2-b", 0.01))).body.message).toBe(
      "You can only refund amount up to AUD 0.00",
    )
    // settled by the reference that was sent, not the returned one
    t.sandbox.control.settleRefund("s2", "lr-s2", { status: "FAILED", reason: "Card expired" })
    await t.sandbox.control.settleNotifications()
    expect(receiver.bodies()[0]).toMatchObject({
      refundReference: "lr-s2-00",
      status: "FAILED",
      amount: "143.11",
      refundFailureReason: "Card expired",
    })
    expect((await t.details("s2")).refunds[0]).toMatchObject({
      status: "FAILED",
      refundFailureReason: "Card expired",
    })
    t.sandbox.control.setRefundsStartAs("SUCCESSFUL")
    expect((await refund("s2", refundBody("lr-s2-c", 143.12))).body.message).toBe(
      "You can only refund amount up to AUD 143.11",
    )
    expect((await refund("s2", refundBody("lr-s2-d", 143.11))).status).toBe(200)
    // the failed refund's reference stays used
    expect((await refund("s2", refundBody("lr-s2", 1))).body.message).toBe(
      "Refund reference lr-s2 already exists",
    )
  })

  it("only a PENDING refund of that order can settle", async () => {
    await paid(t, "s3")
    await refund("s3", refundBody("lr-s3", 1))
    expect(() => t.sandbox.control.settleRefund("s3", "lr-s3-00", { status: "FAILED" })).toThrow(
      "Refund lr-s3-00 is SUCCESSFUL; only a PENDING refund can settle",
    )
    expect(() => t.sandbox.control.settleRefund("s3", "other", { status: "FAILED" })).toThrow(
      "Order s3 has no refund other",
    )
    expect(() =>
      t.sandbox.control.settleRefund("s3", "lr-s3-00", { status: "DONE" as "FAILED" }),
    ).toThrow()
  })
})

describe("refunds made in Optty's portal", () => {
  it("get an Optty refundId, count against the limit and send a webhook", async () => {
    await paid(t, "s4")
    const { refundId, order } = t.sandbox.control.dashboardRefund("s4", { amount: "100.00" })
    expect(refundId).toMatch(/^portal-[0-9a-f-]{36}$/)
    expect(order.refunds).toEqual([
      {
        refundId,
        amount: "100.00",
        currency: "AUD",
        status: "SUCCESSFUL",
        createdAt: expect.any(String),
        refundReason: "Refund made in the Optty portal",
        refundFailureReason: null,
      },
    ])
    await t.sandbox.control.settleNotifications()
    expect(receiver.bodies()).toEqual([
      expect.objectContaining({
        refundReference: refundId,
        status: "SUCCESSFUL",
        amount: "100.00",
      }),
    ])
    expect((await refund("s4", refundBody("lr-s4", 43.12))).body.message).toBe(
      "You can only refund amount up to AUD 43.11",
    )
    expect(() => t.sandbox.control.dashboardRefund("s4", { amount: "43.12" })).toThrow(
      "You can only refund amount up to AUD 43.11",
    )
    expect(() => t.sandbox.control.dashboardRefund("s4", { amount: "1.001" })).toThrow(
      /at most 2 decimals/,
    )
  })

  it("a PENDING portal refund is announced when it settles", async () => {
    await paid(t, "s5")
    const { refundId } = t.sandbox.control.dashboardRefund("s5", {
      amount: "5.00",
      status: "PENDING",
    })
    await t.sandbox.control.settleNotifications()
    expect(receiver.received).toHaveLength(0)
    t.sandbox.control.settleRefund("s5", refundId, { status: "SUCCESSFUL" })
    await t.sandbox.control.settleNotifications()
    expect(receiver.bodies()).toEqual([
      expect.objectContaining({ refundReference: refundId, status: "SUCCESSFUL", amount: "5.00" }),
    ])
  })
})
