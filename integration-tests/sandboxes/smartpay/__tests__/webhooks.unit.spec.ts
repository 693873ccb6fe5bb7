import { createHmac } from "node:crypto"
import { startTestReceiver, type TestReceiver } from "../../kit/test-receiver"
import { base62Decode, base62Encode, webhookSignature } from "../start-sandbox"
import {
  createCheckout,
  paidOrder,
  refundBody,
  SIGNING_SECRET,
  startTestSandbox,
  useTestSandbox,
} from "./support/sandbox-client"

const t = useTestSandbox()
let receiver: TestReceiver

beforeAll(async () => {
  receiver = await startTestReceiver("/hooks/payment/smartpay_smartpay")
})
afterAll(() => receiver.close())
beforeEach(() => {
  receiver.clear()
  t.sandbox.control.setWebhookUrl(receiver.url)
})

/** What a receiver computes: the doc's algorithm written out again, independent of the sandbox. */
function expectedSignature(timestamp: string, rawBody: string): string {
  return createHmac("sha256", base62Decode(SIGNING_SECRET))
    .update(`${timestamp}.${rawBody}`)
    .digest("hex")
}

describe("webhooks (docs/gateways/smartpay.md#webhooks)", () => {
  it("sends signed events for authorisation, capture, refund and cancellation", async () => {
    t.sandbox.control.setAutoNotify(true)
    const { orderId, paymentIds } = await paidOrder(t)
    const refund = await t.api("POST", "/refunds", refundBody(paymentIds[0], 100))
    const other = await createCheckout(t)
    t.sandbox.control.pay(other.orderId, { outcome: "rejected" })
    const third = await createCheckout(t)
    await t.api("PUT", `/orders/${third.orderId}/cancellation`)
    await t.sandbox.control.settleNotifications()
    const events = receiver.bodies() as any[]
    expect(events.map((e) => [e.eventData.type, e.eventData.data.id])).toEqual([
      ["order.authorized", orderId],
      ["payment.created", paymentIds[0]],
      ["refund.created", refund.body.id],
      ["order.rejected", other.orderId],
      ["order.canceled", third.orderId],
    ])
    expect(events[0]).toMatchObject({
      object: "event",
      test: true,
      eventData: { version: expect.any(String) },
    })
    expect(events[0].id).toMatch(/^evt_test_[0-9a-zA-Z]+$/)
    expect(events[2].eventData.data).toMatchObject({
      object: "refund",
      amount: 100,
      status: "succeeded",
    })
    for (const call of receiver.received) {
      const timestamp = String(call.headers["smartpay-signature-timestamp"])
      expect(call.headers["smartpay-signature"]).toBe(expectedSignature(timestamp, call.rawBody))
      expect(call.headers["smartpay-subscription-id"]).toBe("webhookendpoint_test_sandbox")
      expect(call.headers["smartpay-event-id"]).toBe(JSON.parse(call.rawBody).id)
      expect(call.headers["content-type"]).toBe("application/json")
    }
  })

  it("settling a pending refund sends no event: a failed refund is seen by reading it", async () => {
    const { paymentIds } = await paidOrder(t)
    t.sandbox.control.setRefundsStartAs("pending")
    t.sandbox.control.setAutoNotify(true)
    const refund = await t.api("POST", "/refunds", refundBody(paymentIds[0], 100))
    t.sandbox.control.settleRefund(refund.body.id, { status: "failed" })
    await t.sandbox.control.settleNotifications()
    expect((receiver.bodies() as any[]).map((e) => e.eventData.type)).toEqual(["refund.created"])
    expect((await t.api("GET", `/refunds/${refund.body.id}`)).body.status).toBe("failed")
  })

  it("is retried until the receiver answers 200", async () => {
    const { orderId } = await createCheckout(t)
    receiver.script.push(500, 204)
    const record = await t.sandbox.control.notify("order.authorized", orderId)
    expect(record.outcome).toBe("delivered")
    // a 204 is not Smartpay's 200: retried
    expect(record.attempts.map((a) => a.statusCode)).toEqual([500, 204, 200])
    // every attempt carries the same event, body and signature
    expect(new Set(receiver.received.map((c) => c.headers["smartpay-signature"])).size).toBe(1)
    receiver.script.push(500, 500, 500)
    const failed = await t.sandbox.control.notify("order.authorized", orderId)
    expect(failed.outcome).toBe("failed")
  })

  it("signs with the real clock's milliseconds, not the moved sandbox clock", async () => {
    const { orderId } = await createCheckout(t)
    t.sandbox.control.advanceClock(24 * 3600 * 1000)
    const before = Date.now()
    await t.sandbox.control.notify("order.canceled", orderId)
    const timestamp = Number(receiver.received[0].headers["smartpay-signature-timestamp"])
    expect(timestamp).toBeGreaterThanOrEqual(before)
    expect(timestamp).toBeLessThanOrEqual(Date.now())
    const event = JSON.parse(receiver.received[0].rawBody)
    expect(event.createdAt).toBeGreaterThan(Date.now() + 23 * 3600 * 1000)
  })

  it("sends nothing automatically while auto-notify is off or no URL is set; notify checks its subject", async () => {
    const { orderId, paymentIds } = await paidOrder(t)
    t.sandbox.control.setAutoNotify(true)
    t.sandbox.control.setWebhookUrl(null)
    await t.api("POST", "/refunds", refundBody(paymentIds[0], 1))
    await t.sandbox.control.settleNotifications()
    expect(receiver.received).toHaveLength(0)
    expect(t.sandbox.control.notifications()).toHaveLength(0)
    t.sandbox.control.setWebhookUrl(receiver.url)
    await expect(t.sandbox.control.notify("payment.created", orderId)).rejects.toThrow(
      /Unknown payment/,
    )
    const record = await t.sandbox.control.notify("payment.created", paymentIds[0])
    expect(record).toMatchObject({
      trigger: "manual",
      eventType: "payment.created",
      objectId: paymentIds[0],
    })
  })

  it("the subscriptionId option names the endpoint; the signing secret never shows in records", async () => {
    const other = await startTestSandbox({
      subscriptionId: "webhookendpoint_test_abc123",
      webhookUrl: receiver.url,
    })
    try {
      const { orderId } = await createCheckout(other)
      const record = await other.sandbox.control.notify("order.authorized", orderId)
      expect(receiver.received[0].headers["smartpay-subscription-id"]).toBe(
        "webhookendpoint_test_abc123",
      )
      expect(JSON.stringify(record)).not.toContain(SIGNING_SECRET)
    } finally {
      await other.sandbox.close()
    }
  })
})

describe("Base62 and the signature (docs/gateways/smartpay.md#webhook-signature)", () => {
  it("decodes like base-x: leading A is a zero byte, the rest one big-endian number", () => {
    expect([...base62Decode("B")]).toEqual([1])
    expect([...base62Decode("BA")]).toEqual([62])
    expect([...base62Decode("AB")]).toEqual([0, 1])
    expect([...base62Decode("EI")]).toEqual([1, 0])
    const bytes = Buffer.from("00ff10a3", "hex")
    expect(base62Decode(base62Encode(bytes))).toEqual(bytes)
    expect(() => base62Decode("not-base62")).toThrow()
  })

  it("webhookSignature is hex HMAC-SHA256 over `<timestamp>.<body>`", () => {
    expect(webhookSignature(SIGNING_SECRET, "1700000000000", '{"a":1}')).toBe(
      expectedSignature("1700000000000", '{"a":1}'),
    )
  })
})
