import { SandboxClock } from "../clock"
import { NotificationRecord, Notifier } from "../notifier"
import { startTestReceiver, TestReceiver } from "../test-receiver"

let receiver: TestReceiver
let logged: string[]
beforeAll(async () => {
  receiver = await startTestReceiver("/hooks/kit")
})
afterAll(() => receiver.close())
beforeEach(() => {
  receiver.clear()
  logged = []
})

const notifier = (retryDelaysMs: number[] = [10, 10]) =>
  new Notifier({
    name: "kit",
    clock: new SandboxClock(),
    log: (message) => logged.push(message),
    retryDelaysMs,
  })

const record = (url: string | null, body = '{"event":"x"}'): NotificationRecord => ({
  trigger: "auto",
  url,
  method: "POST",
  body,
  attempts: [],
  outcome: "sending",
  at: new Date().toISOString(),
})

describe("Notifier", () => {
  it("POSTs the exact body with the given headers and records the answer", async () => {
    const sent = await notifier().send(record(receiver.url, '{"a": 1}'), {
      headers: { auth: "sig" },
    })
    expect(sent).toMatchObject({
      outcome: "delivered",
      attempts: [{ statusCode: 200, responseBody: "OK", error: null }],
    })
    const [call] = receiver.received
    expect(call).toMatchObject({ method: "POST", path: "/hooks/kit", rawBody: '{"a": 1}' })
    expect(call.headers).toMatchObject({
      auth: "sig",
      "content-type": "application/json",
      "user-agent": "kit-sandbox",
    })
  })

  it("sends a URL's secret to the receiver, and never shows it in its records or its log", async () => {
    receiver.script.push(500, 500, 500)
    const sender = notifier()
    const sent = await sender.send(record(`${receiver.url}?token=url-secret-123&order=7`))
    expect(receiver.received.map((call) => call.url.searchParams.get("token"))).toEqual([
      "url-secret-123",
      "url-secret-123",
      "url-secret-123",
    ])
    for (const shown of [sent, ...sender.list()]) {
      expect(shown.url).toBe(`${receiver.url}?token=%5BREDACTED%5D&order=7`)
    }
    expect(logged.join("\n")).toContain("notification to")
    expect(logged.join("\n")).not.toContain("url-secret-123")
  })

  it("with its own rule of delivery, retries a 204 until the receiver answers 200", async () => {
    receiver.script.push(204, 201)
    const sender = new Notifier({
      name: "kit",
      clock: new SandboxClock(),
      log: () => undefined,
      retryDelaysMs: [10, 10],
      delivered: (status) => status === 200,
    })
    const sent = await sender.send(record(receiver.url))
    expect(sent.attempts.map((attempt) => attempt.statusCode)).toEqual([204, 201, 200])
    expect(sent.outcome).toBe("delivered")
  })

  it("retries while the receiver answers errors, and stops at the first 2xx", async () => {
    receiver.script.push(500, 503)
    const sent = await notifier().send(record(receiver.url))
    expect(sent.outcome).toBe("delivered")
    expect(sent.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 503, 200])
  })

  it("gives up after the last retry, logs it, and never throws", async () => {
    receiver.script.push(500, 500, 500)
    const sent = await notifier().send(record(receiver.url))
    expect(sent.outcome).toBe("failed")
    expect(sent.attempts).toHaveLength(3)
    expect(logged.join("\n")).toMatch(/\[kit-sandbox\] notification to .* failed after 3/)
  })

  it("records a receiver that is down as connection errors", async () => {
    const down = await startTestReceiver()
    await down.close()
    const sent = await notifier([]).send(record(down.url))
    expect(sent).toMatchObject({ outcome: "failed", attempts: [{ statusCode: null }] })
    expect(sent.attempts[0].error).toEqual(expect.any(String))
  })

  it("records a notification without URL as no_url, with the gateway's reason", async () => {
    const sent = await notifier().send(record(null), { noUrl: "order o1 has no webhook" })
    expect(sent).toMatchObject({ outcome: "no_url", attempts: [] })
    expect(logged).toEqual(["[kit-sandbox] order o1 has no webhook"])
  })

  it("settle() waits for pending deliveries; list() shows them as they are", async () => {
    const sender = notifier([20])
    receiver.script.push(500)
    void sender.send(record(receiver.url))
    expect(sender.list()).toMatchObject([{ outcome: "sending" }])
    await sender.settle()
    expect(sender.list()).toMatchObject([{ outcome: "delivered" }])
  })

  it("reset() stops retries in flight and forgets the records", async () => {
    const sender = notifier([5_000])
    receiver.script.push(500)
    const pending = sender.send(record(receiver.url))
    await new Promise((resolve) => setTimeout(resolve, 100))
    const started = Date.now()
    sender.reset()
    expect((await pending).outcome).toBe("failed")
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(sender.list()).toEqual([])
  })
})
