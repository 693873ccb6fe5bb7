import { paidOrder, refundBody, startTestSandbox, useTestSandbox } from "./support/sandbox-client"

const t = useTestSandbox()
const PATH = "/api/orders/f1/refund"

beforeEach(async () => {
  await paidOrder(t, "f1")
})

/** The refund call made by hand, so a broken answer can be looked at raw. */
async function rawRefund(reference: string, signal?: AbortSignal): Promise<Response> {
  const token = await t.freshToken()
  return fetch(`${t.sandbox.apiUrl}/orders/f1/refund`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(refundBody(reference, 10)),
    signal,
  })
}
const refundsMade = () => t.sandbox.control.order("f1")?.refunds.map((r) => r.refundId) ?? []
const lastRecord = () => t.sandbox.control.requests().at(-1)

describe("failNext", () => {
  it.each([
    ["http_500", 500, { statusCode: 500, message: "Internal server error" }],
    ["http_401", 401, { statusCode: 401, message: "Unauthorized" }],
    ["http_429", 429, { statusCode: 429, message: "ThrottlerException: Too Many Requests" }],
  ] as const)("%s answers %i without processing, once", async (kind, status, body) => {
    t.sandbox.control.failNext({ method: "POST", path: PATH, kind })
    const failed = await t.api("POST", "/orders/f1/refund", refundBody("lr-1", 10))
    expect(failed.status).toBe(status)
    expect(failed.body).toEqual(body)
    expect(refundsMade()).toEqual([])
    expect(lastRecord()).toMatchObject({
      fault: kind,
      processedStatus: null,
      responseStatus: status,
    })
    expect((await t.api("POST", "/orders/f1/refund", refundBody("lr-1", 10))).status).toBe(200)
    expect(refundsMade()).toEqual(["lr-1-00"])
  })

  it("http_429 carries Retry-After", async () => {
    t.sandbox.control.failNext({ path: PATH, kind: "http_429" })
    const answer = await t.api("POST", "/orders/f1/refund", refundBody("lr-1", 10))
    expect(answer.headers.get("retry-after")).toBe("1")
  })

  it("timeout holds the socket without processing: the refund was NOT made", async () => {
    t.sandbox.control.failNext({ path: PATH, kind: "timeout", holdMs: 1_000 })
    await expect(rawRefund("lr-t", AbortSignal.timeout(150))).rejects.toThrow()
    expect(refundsMade()).toEqual([])
    expect(lastRecord()).toMatchObject({
      fault: "timeout",
      processedStatus: null,
      responseStatus: null,
    })
    // the same reference is still free
    expect((await t.api("POST", "/orders/f1/refund", refundBody("lr-t", 10))).status).toBe(200)
  })

  it("timeout destroys the socket after holdMs", async () => {
    t.sandbox.control.failNext({ path: PATH, kind: "timeout", holdMs: 100 })
    const started = Date.now()
    await expect(rawRefund("lr-t2")).rejects.toThrow(/fetch failed/)
    expect(Date.now() - started).toBeGreaterThanOrEqual(90)
    expect(refundsMade()).toEqual([])
  })

  it("lost_response: the client sees a socket error but the refund WAS made", async () => {
    t.sandbox.control.failNext({ path: PATH, kind: "lost_response" })
    await expect(rawRefund("lr-lost")).rejects.toThrow(/fetch failed/)
    expect(refundsMade()).toEqual(["lr-lost-00"])
    expect(lastRecord()).toMatchObject({
      fault: "lost_response",
      processedStatus: 200,
      responseStatus: null,
    })
    const retry = await t.api("POST", "/orders/f1/refund", refundBody("lr-lost", 10))
    expect(retry.body.message).toBe("Refund reference lr-lost already exists")
    expect((await t.details("f1")).refunds).toHaveLength(1)
  })

  it("error_after_processing: 500, but the refund was made", async () => {
    t.sandbox.control.failNext({ path: PATH, kind: "error_after_processing" })
    const answer = await t.api("POST", "/orders/f1/refund", refundBody("lr-e", 10))
    expect(answer.status).toBe(500)
    expect(answer.body).toEqual({ statusCode: 500, message: "Internal server error" })
    expect(refundsMade()).toEqual(["lr-e-00"])
    expect(lastRecord()).toMatchObject({ processedStatus: 200, responseStatus: 500 })
  })

  it("malformed: 200 with a body that does not parse, and the refund was made", async () => {
    t.sandbox.control.failNext({ path: PATH, kind: "malformed" })
    const response = await rawRefund("lr-m")
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text.startsWith('{"refundReference":"lr-m-00"')).toBe(true)
    expect(() => JSON.parse(text)).toThrow()
    expect(refundsMade()).toEqual(["lr-m-00"])
  })

  it("matches by method and by path segments, for `times` requests, in order", async () => {
    t.sandbox.control.failNext({ method: "GET", path: PATH, kind: "http_500" })
    t.sandbox.control.failNext({ path: "/api/orders/f", kind: "http_500" })
    t.sandbox.control.failNext({ path: "/api/orders/f1/", kind: "http_429", times: 2 })
    // POST does not match the GET fault; "/api/orders/f" is not a segment prefix of f1
    expect((await t.api("POST", "/orders/f1/refund", refundBody("a", 1))).status).toBe(429)
    expect((await t.api("POST", "/orders/f1/capture", {})).status).toBe(429)
    expect((await t.api("POST", "/orders/f1/refund", refundBody("b", 1))).status).toBe(200)
    expect(refundsMade()).toEqual(["b-00"])
  })

  it("also hits the token endpoint", async () => {
    t.sandbox.control.failNext({ path: "/auth/token", kind: "http_500", times: 1 })
    expect((await t.tokenRequest()).status).toBe(500)
    expect((await t.tokenRequest()).status).toBe(200)
  })

  it("/api alone hits every API call", async () => {
    t.sandbox.control.failNext({ path: "/api", kind: "http_500" })
    await t.freshToken()
    expect((await t.api("POST", "/orders/anything/details", {})).status).toBe(500)
  })

  it("refuses bad specs", () => {
    expect(() => t.sandbox.control.failNext({ path: "api", kind: "http_500" })).toThrow(/path/)
    expect(() =>
      t.sandbox.control.failNext({ path: "/api", kind: "explode" as "http_500" }),
    ).toThrow(/Unknown fault kind/)
    expect(() => t.sandbox.control.failNext({ path: "/api", kind: "http_500", times: 0 })).toThrow(
      /times/,
    )
  })
})
