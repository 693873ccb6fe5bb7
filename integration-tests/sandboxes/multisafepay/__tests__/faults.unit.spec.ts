import {
  API_KEY,
  createPaidOrder,
  orderBody,
  startTestSandbox,
  useTestSandbox,
} from "./support/sandbox-client"

const t = useTestSandbox()
beforeEach(async () => {
  await createPaidOrder(t, orderBody({ order_id: "f1", gateway: "IDEAL" }))
})

const refundBody = { currency: "EUR", amount: 1000 }
const rawRefund = (signal?: AbortSignal) =>
  fetch(`${t.sandbox.url}orders/f1/refunds`, {
    method: "POST",
    headers: { api_key: API_KEY, "content-type": "application/json" },
    body: JSON.stringify(refundBody),
    signal,
  })
const refundCount = async () =>
  (await t.api("GET", "orders/f1")).body.data.related_transactions.length

describe("faults", () => {
  it.each([
    ["http_500", 500],
    ["http_503", 503],
    ["http_429", 429],
  ] as const)("%s answers %i without processing, once", async (kind, status) => {
    t.sandbox.control.failNext({ method: "POST", path: "/refunds", kind })
    const failed = await t.api("POST", "orders/f1/refunds", refundBody)
    expect(failed.status).toBe(status)
    expect(failed.body.success).toBe(false)
    expect(await refundCount()).toBe(0)
    expect((await t.api("POST", "orders/f1/refunds", refundBody)).status).toBe(200)
    expect(await refundCount()).toBe(1)
  })

  it("http_429 carries Retry-After", async () => {
    t.sandbox.control.failNext({ path: "/refunds", kind: "http_429" })
    const response = await rawRefund()
    expect(response.headers.get("retry-after")).toBe("1")
    await response.text()
  })

  it("timeout holds the socket past the client's timeout and does not process", async () => {
    t.sandbox.control.failNext({ path: "/refunds", kind: "timeout", holdMs: 500 })
    await expect(rawRefund(AbortSignal.timeout(100))).rejects.toThrow()
    expect(await refundCount()).toBe(0)
  })

  it("lost_response: the client sees a socket error but the refund was made", async () => {
    t.sandbox.control.failNext({ path: "/refunds", kind: "lost_response" })
    await expect(rawRefund()).rejects.toThrow(/fetch failed/)
    const order = (await t.api("GET", "orders/f1")).body.data
    expect(order.related_transactions).toHaveLength(1)
    expect(order.amount_refunded).toBe(1000)
  })

  it("malformed: 200 with a body that does not parse, and the refund was made", async () => {
    t.sandbox.control.failNext({ path: "/refunds", kind: "malformed" })
    const response = await rawRefund()
    expect(response.status).toBe(200)
    await expect(response.json()).rejects.toThrow()
    expect(await refundCount()).toBe(1)
  })

  it("connection_reset: the socket is destroyed and nothing happens", async () => {
    t.sandbox.control.failNext({ path: "/refunds", kind: "connection_reset" })
    await expect(rawRefund()).rejects.toThrow(/fetch failed/)
    expect(await refundCount()).toBe(0)
  })

  it("matches method and regular expressions, for `times` requests, and logs the fault", async () => {
    t.sandbox.control.failNext({
      method: "GET",
      path: /^\/v1\/json\/orders\/[^/]+$/,
      kind: "http_503",
      times: 2,
    })
    expect((await t.api("POST", "orders/f1/refunds", refundBody)).status).toBe(200)
    expect((await t.api("GET", "orders/f1")).status).toBe(503)
    expect((await t.api("GET", "orders/f1")).status).toBe(503)
    expect((await t.api("GET", "orders/f1")).status).toBe(200)
    const faults = t.sandbox.control
      .requests()
      .map((request) => [request.method, request.fault, request.responseStatus])
    expect(faults.slice(-4)).toEqual([
      ["POST", null, 200],
      ["GET", "http_503", 503],
      ["GET", "http_503", 503],
      ["GET", null, 200],
    ])
  })

  it("records every API request with its raw and parsed body", async () => {
    await t.api("POST", "orders/f1/refunds", refundBody)
    const last = t.sandbox.control.requests().at(-1)
    expect(last).toMatchObject({
      method: "POST",
      path: "/v1/json/orders/f1/refunds",
      body: refundBody,
      rawBody: JSON.stringify(refundBody),
    })
  })
})
