import { createOrder, startTestSandbox, TestSandbox } from "./support/sandbox-client"
import { startTestReceiver } from "../../kit/test-receiver"

let receiver: Awaited<ReturnType<typeof startTestReceiver>>
let t: TestSandbox
const logged: string[] = []
beforeAll(async () => {
  receiver = await startTestReceiver("/hooks/payment/optty_optty")
  t = await startTestSandbox({
    webhookRetryDelaysMs: [10, 30],
    log: (message) => logged.push(message),
  })
})
afterAll(async () => {
  await t.sandbox.close()
  await receiver.close()
})
beforeEach(() => {
  t.sandbox.control.reset()
  t.forgetToken()
  receiver.clear()
  logged.length = 0
})

const withCallback = (reference: string) =>
  createOrder(t, reference, { dynamicCallbackUrl: receiver.url })

describe("payment webhooks", () => {
  it("POST the outcome as JSON, unsigned, to dynamicCallbackUrl", async () => {
    await withCallback("w1")
    t.sandbox.control.pay("w1")
    await t.sandbox.control.settleNotifications()
    const bnplOrderId = t.sandbox.control.order("w1")?.bnplOrderId
    expect(receiver.bodies()).toEqual([
      {
        event: "ORDER_STATUS_UPDATE",
        orderReference: "w1",
        status: "SUCCESSFUL",
        transactionId: bnplOrderId,
        bnplProvider: "KLARNA_AU",
        amount: "143.11",
        currency: "AUD",
      },
    ])
  })

  it("are sent for DECLINED outcomes too", async () => {
    await withCallback("w2")
    t.sandbox.control.pay("w2", { status: "DECLINED" })
    await t.sandbox.control.settleNotifications()
    expect(receiver.bodies()[0]).toMatchObject({ status: "DECLINED", transactionId: null })
  })

  it("are not sent while autoNotify is off", async () => {
    t.sandbox.control.setAutoNotify(false)
    await withCallback("w3")
    t.sandbox.control.pay("w3")
    await t.sandbox.control.settleNotifications()
    expect(receiver.received).toHaveLength(0)
    expect(t.sandbox.control.notifications()).toEqual([])
  })
})

describe("delivery and retries", () => {
  it("retries a non-2xx answer and records every attempt", async () => {
    receiver.script.push(500, 503)
    await withCallback("w4")
    t.sandbox.control.pay("w4")
    await t.sandbox.control.settleNotifications()
    expect(receiver.received).toHaveLength(3)
    expect(new Set(receiver.received.map((call) => call.rawBody)).size).toBe(1)
    const [record] = t.sandbox.control.notifications()
    expect(record.outcome).toBe("delivered")
    expect(record.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 503, 200])
  })

  it("gives up after 3 attempts and logs it", async () => {
    receiver.script.push(500, 500, 500, 500)
    await withCallback("w5")
    t.sandbox.control.pay("w5")
    await t.sandbox.control.settleNotifications()
    expect(receiver.received).toHaveLength(3)
    const [record] = t.sandbox.control.notifications()
    expect(record.outcome).toBe("failed")
    expect(record.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 500, 500])
    expect(logged.join("\n")).toContain("failed after 3 attempt(s): HTTP 500")
  })

  it("retries connection errors", async () => {
    const closed = await startTestReceiver("/hooks/payment/optty_optty")
    const deadUrl = closed.url
    await closed.close()
    await createOrder(t, "w6", { dynamicCallbackUrl: deadUrl })
    t.sandbox.control.pay("w6")
    await t.sandbox.control.settleNotifications()
    const [record] = t.sandbox.control.notifications()
    expect(record.outcome).toBe("failed")
    expect(record.attempts).toHaveLength(3)
    for (const attempt of record.attempts) {
      expect(attempt.statusCode).toBeNull()
      expect(attempt.error).toEqual(expect.any(String))
    }
  })

  it("falls back to the merchant-level webhookUrl, and records when there is none", async () => {
    const merchant = await startTestSandbox({ webhookUrl: receiver.url, log: () => undefined })
    try {
      await createOrder(merchant, "w7")
      merchant.sandbox.control.pay("w7")
      await merchant.sandbox.control.settleNotifications()
      expect(receiver.bodies()).toEqual([expect.objectContaining({ orderReference: "w7" })])
    } finally {
      await merchant.sandbox.close()
    }
    await createOrder(t, "w8")
    t.sandbox.control.pay("w8")
    await t.sandbox.control.settleNotifications()
    const [record] = t.sandbox.control.notifications()
    expect(record).toMatchObject({ url: null, outcome: "no_url", attempts: [] })
    expect(logged.join("\n")).toContain("no webhook for w8")
  })

  it("reset() stops retries in flight", async () => {
    receiver.script.push(500, 500, 500)
    const slow = await startTestSandbox({ webhookRetryDelaysMs: [5_000, 5_000] })
    try {
      await createOrder(slow, "w9", { dynamicCallbackUrl: receiver.url })
      slow.sandbox.control.pay("w9")
      await new Promise((resolve) => setTimeout(resolve, 100))
      const started = Date.now()
      slow.sandbox.control.reset()
      await slow.sandbox.control.settleNotifications()
      expect(Date.now() - started).toBeLessThan(1_000)
      expect(receiver.received).toHaveLength(1)
    } finally {
      await slow.sandbox.close()
    }
  })
})

describe("control.notify", () => {
  it("sends the current payment state by default, whatever autoNotify says", async () => {
    t.sandbox.control.setAutoNotify(false)
    await withCallback("n1")
    const record = await t.sandbox.control.notify("n1")
    expect(record).toMatchObject({ trigger: "manual", outcome: "delivered" })
    expect(receiver.bodies()).toEqual([
      {
        event: "ORDER_STATUS_UPDATE",
        orderReference: "n1",
        status: "INITIATED",
        transactionId: null,
        bnplProvider: "KLARNA_AU",
        amount: "143.11",
        currency: "AUD",
      },
    ])
  })

  it("sends a given body verbatim (a forged one, or raw text)", async () => {
    t.sandbox.control.setAutoNotify(false)
    await withCallback("n2")
    const forged = { event: "ORDER_STATUS_UPDATE", orderReference: "n2", status: "SUCCESSFUL" }
    await t.sandbox.control.notify("n2", forged)
    await t.sandbox.control.notify("n2", '{"not": "json"')
    expect(receiver.received.map((call) => call.rawBody)).toEqual([
      JSON.stringify(forged),
      '{"not": "json"',
    ])
    // a forged webhook changes nothing in the sandbox
    expect(t.sandbox.control.order("n2")?.status).toBe("INITIATED")
  })

  it("rejects for an unknown order", async () => {
    await expect(t.sandbox.control.notify("missing")).rejects.toThrow("Unknown order missing")
  })
})
