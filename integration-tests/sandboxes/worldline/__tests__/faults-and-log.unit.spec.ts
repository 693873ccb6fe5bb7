import { JWT_BEARER } from "../start-sandbox"
import { paidOrder, refundBody, scopeOfCall, useTestSandbox } from "./support/sandbox-client"

const t = useTestSandbox()

describe("kit faults on the Worldline API", () => {
  it("lost_response on a refund acts; the replay under the same requestId makes no second credit", async () => {
    await paidOrder(t, "f1")
    t.sandbox.control.failNext({ path: "/refunds", method: "POST", kind: "lost_response" })
    await expect(t.api("POST", "/f1/refunds", refundBody("lost", 10))).rejects.toThrow()
    const replay = await t.api("POST", "/f1/refunds", refundBody("lost", 10))
    expect(replay.status).toBe(200)
    expect(replay.body.transactions).toHaveLength(1)
    expect(t.sandbox.control.refunds("f1")).toHaveLength(1)
    expect(t.sandbox.control.order("f1")!.refundedAmount.amount).toBe(10)
  })

  it("status faults answer in the gateway's shapes, before anything happens", async () => {
    await paidOrder(t, "f2")
    t.sandbox.control.failNext({ path: "/refunds", kind: "http_503" })
    const unavailable = await t.api("POST", "/f2/refunds", refundBody("u", 1))
    expect(unavailable.status).toBe(503)
    expect(unavailable.body).toEqual({ statusCode: 40001, description: expect.any(String) })
    t.sandbox.control.failNext({ path: "/refunds", kind: "http_401" })
    const expired = await t.api("POST", "/f2/refunds", refundBody("u", 1))
    expect(expired.status).toBe(401)
    expect(expired.body.error).toBe("invalid_token")
    t.sandbox.control.failNext({ path: "/oauth2/tokens", kind: "http_500" })
    const token = await t.tokenRequest({
      grant_type: JWT_BEARER,
      assertion: t.assertion(scopeOfCall("GET", "/f2")),
    })
    expect(token.status).toBe(500)
    expect(token.body.error).toBe("server_error")
    expect(t.sandbox.control.refunds("f2")).toHaveLength(0)
  })

  it("malformed answers half the body after acting", async () => {
    await paidOrder(t, "f3")
    t.sandbox.control.failNext({ path: "/refunds", kind: "malformed" })
    const answer = await t.api("POST", "/f3/refunds", refundBody("m", 1))
    expect(answer.status).toBe(200)
    expect(typeof answer.body).toBe("string")
    expect(t.sandbox.control.refunds("f3")).toHaveLength(1)
  })
})

describe("the request log", () => {
  it("never holds the assertion or the bearer token", async () => {
    const assertion = t.assertion(scopeOfCall("GET", "/l1"))
    const granted = await t.tokenRequest({ grant_type: JWT_BEARER, assertion })
    const token = granted.body.access_token as string
    await t.api("GET", "/l1", undefined, { token })
    const log = JSON.stringify(t.sandbox.control.requests())
    expect(log).not.toContain(assertion.split(".")[2])
    expect(log).not.toContain(assertion.split(".")[1])
    expect(log).not.toContain(token)
    const [tokenCall, read] = t.sandbox.control.requests()
    expect(tokenCall.body).toEqual({ grant_type: JWT_BEARER, assertion: "[REDACTED]" })
    expect(read.headers.authorization).toBe("Bearer [REDACTED]")
    expect(read.processedStatus).toBe(404)
  })
})
