import { createHmac, timingSafeEqual } from "node:crypto"
import {
  API_KEY,
  createPaidOrder,
  o1Body,
  orderBody,
  startTestSandbox,
  TestSandbox,
} from "./support/sandbox-client"
import { startTestReceiver } from "../../kit/test-receiver"

let t: TestSandbox
let receiver: Awaited<ReturnType<typeof startTestReceiver>>
const FIXED_NOW = new Date("2026-01-05T10:00:00.000Z")

beforeAll(async () => {
  receiver = await startTestReceiver("/hooks/payment/multisafepay")
  t = await startTestSandbox({ now: () => FIXED_NOW })
})
afterAll(async () => {
  await t.sandbox.close()
  await receiver.close()
})
beforeEach(() => {
  t.sandbox.control.reset()
  receiver.received.length = 0
})

const withReceiver = (body: Record<string, unknown>) => ({
  ...body,
  payment_options: { ...(body.payment_options as object), notification_url: receiver.url },
})

/**
 * The documented verification (docs/gateways/multisafepay.md#notifications): base64 → "ts:hex",
 * HMAC-SHA512(api_key, ts:rawBody).
 */
function verify(
  authHeader: string,
  rawBody: string,
  apiKey = API_KEY,
): { valid: boolean; timestamp: number } {
  const decoded = Buffer.from(authHeader, "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  const timestamp = decoded.slice(0, colon)
  const received = Buffer.from(decoded.slice(colon + 1), "hex")
  const expected = createHmac("sha512", apiKey.trim()).update(`${timestamp}:${rawBody}`).digest()
  return {
    valid: received.length === expected.length && timingSafeEqual(received, expected),
    timestamp: Number(timestamp),
  }
}

describe("notifications", () => {
  it("POSTs the signed order JSON to notification_url?transactionid=&timestamp= when the order is paid", async () => {
    await createPaidOrder(t, withReceiver(orderBody({ order_id: "n1", gateway: "IDEAL" })))
    await t.sandbox.control.settleNotifications()
    expect(receiver.received).toHaveLength(1)
    const [call] = receiver.received
    expect(call.method).toBe("POST")
    expect(call.url.pathname).toBe("/hooks/payment/multisafepay")
    expect(call.url.searchParams.get("transactionid")).toBe("n1")
    const timestamp = Math.floor(FIXED_NOW.getTime() / 1000)
    expect(call.url.searchParams.get("timestamp")).toBe(String(timestamp))
    expect(call.headers["content-type"]).toBe("application/json")
    expect(verify(String(call.headers.auth), call.rawBody)).toEqual({ valid: true, timestamp })
    expect(JSON.parse(call.rawBody)).toEqual((await t.api("GET", "orders/n1")).body.data)
    expect(JSON.parse(call.rawBody).status).toBe("completed")

    const [record] = t.sandbox.control.notifications()
    expect(record).toMatchObject({
      orderId: "n1",
      trigger: "auto",
      outcome: "delivered",
      attempts: [{ statusCode: 200, responseBody: "OK", error: null }],
      authHeader: call.headers.auth,
      body: call.rawBody,
    })
  })

  it("notifies on refund creation and completion, each body showing the order at that moment", async () => {
    await createPaidOrder(t, withReceiver(o1Body("n2", "KLARNA")))
    const items = (await t.api("GET", "orders/n2")).body.data.shopping_cart.items
    const refund = await t.api("POST", "orders/n2/refunds", {
      checkout_data: {
        items: [...items, { ...items[0], quantity: -1 }],
      },
    })
    t.sandbox.control.completeRefund("n2", refund.body.data.refund_id)
    await t.sandbox.control.settleNotifications()
    const bodies = receiver.received.map((call) => JSON.parse(call.rawBody))
    expect(bodies.map((body) => body.related_transactions.map((tx: any) => tx.status))).toEqual([
      [],
      ["reserved"],
      ["completed"],
    ])
    expect(bodies[1].amount_refunded).toBe(3000)
    for (const call of receiver.received)
      expect(verify(String(call.headers.auth), call.rawBody).valid).toBe(true)
  })

  it("with autoNotify off nothing is sent until notify() is called", async () => {
    t.sandbox.control.setAutoNotify(false)
    await createPaidOrder(t, withReceiver(orderBody({ order_id: "n3", gateway: "IDEAL" })))
    await t.api("POST", "orders/n3/refunds", { currency: "EUR", amount: 100 })
    await t.sandbox.control.settleNotifications()
    expect(receiver.received).toHaveLength(0)
    const record = await t.sandbox.control.notify("n3")
    expect(record).toMatchObject({ trigger: "manual", outcome: "delivered" })
    expect(JSON.parse(receiver.received[0].rawBody).amount_refunded).toBe(100)
  })

  it("can forge the signature, make it stale, or tamper with the body", async () => {
    t.sandbox.control.setAutoNotify(false)
    await createPaidOrder(t, withReceiver(orderBody({ order_id: "n4", gateway: "IDEAL" })))
    const forged = await t.sandbox.control.notify("n4", { forgeSignature: true })
    expect(verify(String(forged.authHeader), receiver.received[0].rawBody).valid).toBe(false)

    const stale = await t.sandbox.control.notify("n4", { timestampOffsetSeconds: -3600 })
    const staleCheck = verify(String(stale.authHeader), receiver.received[1].rawBody)
    expect(staleCheck).toEqual({
      valid: true,
      timestamp: Math.floor(FIXED_NOW.getTime() / 1000) - 3600,
    })
    expect(receiver.received[1].url.searchParams.get("timestamp")).toBe(
      String(staleCheck.timestamp),
    )

    const tampered = await t.sandbox.control.notify("n4", { tamperBody: true })
    expect(receiver.received[2].rawBody).not.toBe(tampered.signedBody)
    expect(verify(String(tampered.authHeader), receiver.received[2].rawBody).valid).toBe(false)
    expect(verify(String(tampered.authHeader), tampered.signedBody).valid).toBe(true)
  })

  it("records failed deliveries without throwing", async () => {
    const logged: string[] = []
    const quiet = await startTestSandbox({ log: (message) => logged.push(message) })
    try {
      await createPaidOrder(quiet, orderBody({ order_id: "dead", gateway: "IDEAL" }))
      await quiet.sandbox.control.settleNotifications()
      const [record] = quiet.sandbox.control.notifications()
      expect(record.outcome).toBe("failed")
      expect(record.attempts).toEqual([expect.objectContaining({ statusCode: null })])
      expect(record.attempts[0].error).toEqual(expect.any(String))
      expect(logged.join("\n")).toContain("notification")
      expect(logged.join("\n")).not.toContain(API_KEY)
    } finally {
      await quiet.sandbox.close()
    }
  })

  it("control notify on an unknown order rejects", async () => {
    await expect(t.sandbox.control.notify("missing")).rejects.toThrow(/Unknown order/)
  })
})
