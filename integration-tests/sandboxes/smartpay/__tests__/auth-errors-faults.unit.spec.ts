import { startSmartpaySandbox } from "../start-sandbox"
import {
  checkoutBody,
  paidOrder,
  refundBody,
  SECRET_KEY,
  SIGNING_SECRET,
  useTestSandbox,
} from "./support/sandbox-client"

const t = useTestSandbox()

describe("authentication (docs/gateways/smartpay.md#authentication)", () => {
  it.each([
    ["no header", null],
    ["another test key", "Basic sk_test_Other123"],
    ["a live key", "Basic sk_live_UnitTestKey123"],
    ["base64 user:password", `Basic ${Buffer.from(`${SECRET_KEY}:`).toString("base64")}`],
    ["a bearer token", `Bearer ${SECRET_KEY}`],
  ])("refuses %s with 401 before the path is looked at", async (_label, authorization) => {
    for (const path of ["/orders/order_test_x", "/nowhere"]) {
      const answer = await t.api("GET", path, undefined, { authorization })
      expect(answer.status).toBe(401)
      expect(answer.body).toMatchObject({ statusCode: 401, errorCode: "unauthorized" })
    }
  })

  it("refuses to start with a live key or a signing secret that is not Base62", async () => {
    await expect(
      startSmartpaySandbox({ secretKey: "sk_live_abc", signingSecret: SIGNING_SECRET }),
    ).rejects.toThrow(/test key/)
    await expect(
      startSmartpaySandbox({ secretKey: SECRET_KEY, signingSecret: "not base62!" }),
    ).rejects.toThrow(/Base62/)
  })

  it("live and unknown ids are not found with a test key", async () => {
    expect((await t.api("GET", "/orders/order_live_abc")).body.errorCode).toBe("order.not-found")
    expect(
      (await t.api("POST", "/refunds", refundBody("payment_live_abc", 1))).body.errorCode,
    ).toBe("payment.not-found")
  })
})

describe("errors (docs/gateways/smartpay.md#errors)", () => {
  it("unknown paths are 404 request.not-found; a body that is not JSON is 400 request.malformed", async () => {
    expect((await t.api("GET", "/coupons")).body).toMatchObject({
      statusCode: 404,
      errorCode: "request.not-found",
    })
    expect((await t.api("DELETE", "/orders/x")).status).toBe(404)
    const bad = await t.api("POST", "/checkout-sessions", undefined, { rawBody: "{not json" })
    expect(bad.body).toMatchObject({ statusCode: 400, errorCode: "request.malformed" })
    expect((await t.api("POST", "/refunds", [1, 2])).body.errorCode).toBe("request.invalid")
  })
})

describe("faults and the request log (../kit/README.md)", () => {
  it.each([
    ["http_500", 500, "unexpected_error"],
    ["http_503", 503, "service.unavailable"],
    ["http_429", 429, "request.rate-limited"],
    ["http_401", 401, "unauthorized"],
  ] as const)(
    "%s answers in Smartpay's error shape and acts on nothing",
    async (kind, status, errorCode) => {
      const { orderId, paymentIds } = await paidOrder(t)
      t.sandbox.control.failNext({ path: "/refunds", kind })
      const answer = await t.api("POST", "/refunds", refundBody(paymentIds[0], 10))
      expect(answer.status).toBe(status)
      expect(answer.body).toEqual({
        statusCode: status,
        errorCode,
        message: expect.any(String),
        details: [],
      })
      if (status === 429) expect(answer.headers.get("retry-after")).toBe("1")
      expect(t.sandbox.control.refunds(orderId)).toHaveLength(0)
    },
  )

  it("malformed answers half the real body; the refund was made", async () => {
    const { orderId, paymentIds } = await paidOrder(t)
    t.sandbox.control.failNext({ path: "/refunds", kind: "malformed" })
    const answer = await t.api("POST", "/refunds", refundBody(paymentIds[0], 10))
    expect(answer.status).toBe(200)
    expect(() => JSON.parse(answer.text)).toThrow()
    expect(t.sandbox.control.refunds(orderId)).toHaveLength(1)
  })

  it("never shows the secret key or the signing secret, wherever a client put them", async () => {
    const { paymentIds } = await paidOrder(t)
    await t.api(
      "POST",
      "/refunds",
      refundBody(paymentIds[0], 10, {
        description: `oops ${SECRET_KEY}`,
        metadata: { s: SIGNING_SECRET },
      }),
    )
    await t.api("POST", "/checkout-sessions", checkoutBody({ reference: SECRET_KEY }))
    const log = JSON.stringify(t.sandbox.control.requests())
    expect(log).not.toContain(SECRET_KEY)
    expect(log).not.toContain(SIGNING_SECRET)
    expect(t.sandbox.control.requests()[0].headers.authorization).toBe("Basic [REDACTED]")
    const controlAnswers = await Promise.all([t.control("GET", "requests"), t.control("GET", "")])
    for (const answer of controlAnswers) {
      expect(answer.text).not.toContain(SECRET_KEY)
      expect(answer.text).not.toContain(SIGNING_SECRET)
    }
  })
})
