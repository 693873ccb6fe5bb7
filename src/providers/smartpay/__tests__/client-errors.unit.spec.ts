import { MedusaError } from "@medusajs/framework/utils"
import {
  ScriptedServer,
  startScriptedServer,
} from "../../../../integration-tests/test-support/scripted-server"
import { GatewayError, toMedusaError } from "../../../gateway-kit"
import { SmartpayClient } from "../api/smartpay-client"
import { ORDER_ID, PAYMENT_1 } from "../__fixtures__/smartpay-objects"

const KEY = "sk_test_clientKey0123456789"
let server: ScriptedServer

/** Smartpay's error body (docs/gateways/smartpay.md#errors) */
const spError = (status: number, errorCode: string, message: string, details: string[] = []) => ({
  status,
  json: { statusCode: status, errorCode, message, details },
})

beforeAll(async () => {
  server = await startScriptedServer()
})
afterEach(() => server.reset())
afterAll(() => server.close())

const client = (secretKey = KEY) =>
  new SmartpayClient({ baseUrl: `${server.url}v1/`, secretKey, timeoutMs: 1_000 })

async function failure(run: () => Promise<unknown>): Promise<GatewayError> {
  try {
    await run()
  } catch (error) {
    return error as GatewayError
  }
  throw new Error("expected a failure")
}

const refund = (c = client()) =>
  c.refund(
    { payment: PAYMENT_1, amount: 100, currency: "JPY", reason: "requested_by_customer" },
    "k1",
  )

describe("Smartpay client errors", () => {
  it("sends the raw key as Basic auth and our Idempotency-Key", async () => {
    server.on("POST", "/v1/refunds", {
      json: { id: "refund_test_1", payment: PAYMENT_1, amount: 100, currency: "JPY" },
    })
    await refund()
    const [sent] = server.requestsTo("POST", "/v1/refunds")
    expect(sent.headers.authorization).toBe(`Basic ${KEY}`)
    expect(sent.headers["idempotency-key"]).toBe("k1")
    expect(sent.json()).toEqual({
      payment: PAYMENT_1,
      amount: 100,
      currency: "JPY",
      reason: "requested_by_customer",
    })
  })

  it("403 amount.insufficient is a refusal in Smartpay's words, with its code", async () => {
    server.on(
      "POST",
      "/v1/refunds",
      spError(
        403,
        "amount.insufficient",
        "Available amount on payment is insufficient to handle the request.",
      ),
    )
    const error = await failure(() => refund())
    expect(error).toMatchObject({
      kind: "rejected",
      details: { http_status: 403, code: "amount.insufficient" },
    })
    const medusa = toMedusaError(error, "refund")
    expect(medusa.type).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(medusa.message).toBe(
      "Smartpay refused the refund, so nothing was refunded: Available amount on payment is insufficient to handle the request. (error amount.insufficient)",
    )
    expect(server.requests).toHaveLength(1)
  })

  it("404 payment.not-found is not found; 400 request.invalid a refusal with its details", async () => {
    server.on("POST", "/v1/refunds", spError(404, "payment.not-found", "No payment was found"))
    const missing = await failure(() => refund())
    expect(missing).toMatchObject({ kind: "not_found", details: { code: "payment.not-found" } })
    expect(toMedusaError(missing, "refund").type).toBe(MedusaError.Types.NOT_FOUND)

    server.on(
      "POST",
      "/v1/refunds",
      spError(400, "request.invalid", "Payload invalid", [
        "reason must be one of requested_by_customer, fraudulent",
      ]),
    )
    const invalid = await failure(() => refund())
    expect(invalid).toMatchObject({ kind: "rejected", details: { code: "request.invalid" } })
    expect(invalid.message).toBe(
      "Payload invalid: reason must be one of requested_by_customer, fraudulent",
    )
  })

  it("401 is the store's key, never shown", async () => {
    server.on(
      "GET",
      `/v1/orders/${ORDER_ID}`,
      spError(401, "unauthorized", "The secret key is not valid"),
    )
    const error = await failure(() => client("sk_test_wrongKey999").readOrder(ORDER_ID))
    expect(error.kind).toBe("auth")
    const medusa = toMedusaError(error, "status check")
    expect(medusa.message).not.toContain("wrongKey999")
    expect(medusa.message).not.toContain(KEY)
    expect(JSON.stringify(error)).not.toContain("wrongKey999")
    expect(server.requests[0].url).toBe(`/v1/orders/${ORDER_ID}?expand=all`)
  })

  it("5xx, a dropped connection and a timeout are ambiguous; a refund POST is never repeated here", async () => {
    server.on(
      "POST",
      "/v1/refunds",
      spError(500, "unexpected_error", "Unexpected error, please try again later"),
      { drop: "after_body" },
      { delayMs: 1_500, json: {} },
    )
    for (let i = 0; i < 3; i++) expect((await failure(() => refund())).kind).toBe("ambiguous")
    expect(server.requestsTo("POST", "/v1/refunds")).toHaveLength(3)
  })

  it("429 is rate limited; an unknown error body keeps the status's kind", async () => {
    server.on("POST", "/v1/refunds", spError(429, "request.rate-limited", "Too many requests"), {
      status: 403,
      body: "<h1>Forbidden</h1>",
    })
    expect((await failure(() => refund())).kind).toBe("rate_limited")
    expect(await failure(() => refund())).toMatchObject({
      kind: "rejected",
      message: "POST /refunds: HTTP 403",
    })
  })

  it("an id that is not Smartpay's never reaches a path", async () => {
    await expect(client().readOrder("../payments")).rejects.toThrow("is not a Smartpay id")
    expect(server.requests).toHaveLength(0)
  })
})
