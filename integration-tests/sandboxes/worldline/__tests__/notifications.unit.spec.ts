import { startTestReceiver, type TestReceiver } from "../../kit/test-receiver"
import { createOrder, paidOrder, refundBody, useTestSandbox } from "./support/sandbox-client"

const t = useTestSandbox()
let receiver: TestReceiver

beforeAll(async () => {
  receiver = await startTestReceiver("/hooks/payment/worldline_worldline")
})
afterAll(() => receiver.close())
beforeEach(() => {
  receiver.clear()
  t.sandbox.control.setNotificationUrl(`${receiver.url}?token=secret-1`)
})

describe("notifications (docs/gateways/worldline.md#notifications)", () => {
  it("posts the order read with a URL-encoded self link on every change, unsigned", async () => {
    t.sandbox.control.setAutoNotify(true)
    await createOrder(t, "n_1")
    t.sandbox.control.pay("n_1")
    await t.api("POST", "/n_1/captures", { requestId: "cap" })
    await t.api("POST", "/n_1/refunds", refundBody("ref", 1))
    await t.sandbox.control.settleNotifications()
    const states = receiver.bodies().map((body: any) => body.notifications[0].orderState)
    expect(states).toEqual(["Registered", "Pending payment", "Paid", "Paid"])
    const last = receiver.bodies().at(-1) as any
    expect(last.notifications[0]).toMatchObject({
      mid: "1570616552",
      orderId: "n_1",
      refundedAmount: { amount: 1, currency: "EUR" },
      links: [{ rel: "self", href: "/v2/merchants/1570616552/orders/n_1" }],
    })
    expect(receiver.received[0].url.searchParams.get("token")).toBe("secret-1")
    expect(receiver.received[0].headers["content-type"]).toBe("application/json")
    expect(Object.keys(receiver.received[0].headers).some((h) => /signature/i.test(h))).toBe(false)
  })

  it("is retried while the receiver answers 500", async () => {
    await createOrder(t, "n_2")
    receiver.script.push(500, 500)
    const record = await t.sandbox.control.notify("n_2")
    expect(record.outcome).toBe("delivered")
    expect(record.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 500, 200])
    expect(receiver.received).toHaveLength(3)
  })

  it("sends nothing automatically while auto-notify is off or no URL is set", async () => {
    await paidOrder(t, "n_3")
    t.sandbox.control.setAutoNotify(true)
    t.sandbox.control.setNotificationUrl(null)
    t.sandbox.control.dashboardRefund("n_3", { amount: "1.00" })
    await t.sandbox.control.settleNotifications()
    expect(receiver.received).toHaveLength(0)
    expect(t.sandbox.control.notifications()).toHaveLength(0)
  })

  it("encodes order ids in the self link", async () => {
    // the API allows only [A-Za-z0-9_-]; the link is still URL-encoded (docs say so)
    await createOrder(t, "n-4_x")
    await t.sandbox.control.notify("n-4_x")
    const body = receiver.bodies()[0] as any
    expect(body.notifications[0].links[0].href).toBe(
      `/v2/merchants/1570616552/orders/${encodeURIComponent("n-4_x")}`,
    )
  })
})
