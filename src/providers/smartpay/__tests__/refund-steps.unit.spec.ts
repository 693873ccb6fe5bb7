import { Logger } from "@medusajs/framework/types"
import {
  ScriptedServer,
  startScriptedServer,
} from "../../../../integration-tests/test-support/scripted-server"
import { RefundIntent } from "../../../core/provider-refunds"
import { GatewayError, refundOnce } from "../../../gateway-kit"
import { SmartpayClient } from "../api/smartpay-client"
import { smartpayRefundSteps } from "../refunds/refund-steps"
import { jpyCart } from "../__fixtures__/checkout-cart"
import { returnIntent } from "../__fixtures__/refund-intents"
import {
  LI_MUG,
  LI_SHIRT,
  order,
  ORDER_ID,
  payment,
  PAYMENT_1,
  PAYMENT_2,
  refund,
} from "../__fixtures__/smartpay-objects"

const ORDER_PATH = `/v1/orders/${ORDER_ID}`

describe("Smartpay refunds over HTTP", () => {
  let server: ScriptedServer
  let client: SmartpayClient
  const warnings: string[] = []
  const logger = { warn: (m: string) => warnings.push(m) } as unknown as Logger
  // one shirt of return #12: 3,050 yen
  const intent = returnIntent({ ordli_shirt: 1 })
  const key = intent.idempotency_key

  beforeAll(async () => {
    server = await startScriptedServer()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.reset()
    warnings.length = 0
    client = new SmartpayClient({
      baseUrl: `${server.url}v1/`,
      secretKey: "sk_test_x1",
      timeoutMs: 1_000,
    })
  })
  afterEach(() => client.close())

  const run = (of: RefundIntent = intent) =>
    refundOnce(
      of,
      smartpayRefundSteps({
        client,
        intent: of,
        orderId: ORDER_ID,
        reason: "requested_by_customer",
        cart: jpyCart(),
        lineItems: { cali_shirt: LI_SHIRT, cali_mug: LI_MUG },
        logger,
      }),
      { inDoubtWindowSeconds: 600, logger, recheckWaitsMs: [0] },
    )
  const paidOnce = (refunds: string[] = []) => ({
    json: order("succeeded", [payment(PAYMENT_1, 8850, refunds)]),
  })
  const made = (id: string, amount: number, extra: Record<string, unknown> = {}) =>
    refund(id, PAYMENT_1, amount, {
      reference: key,
      metadata: { medusa_refund_key: key, medusa_refund_part: "1" },
      ...extra,
    })

  it("reads the order first, sends one refund under the key, and records Smartpay's answer", async () => {
    server.on("GET", ORDER_PATH, paidOnce())
    server.on("POST", "/v1/refunds", { json: made("refund_test_r1", 3050) })
    const outcome = await run()
    const [sent] = server.requestsTo("POST", "/v1/refunds")
    expect(sent.headers["idempotency-key"]).toBe(key)
    expect(sent.json()).toMatchObject({
      payment: PAYMENT_1,
      amount: 3050,
      currency: "JPY",
      reason: "requested_by_customer",
      lineItems: [LI_SHIRT],
      reference: key,
      description: "Return R-12: 1× Shirt",
    })
    expect(outcome).toEqual({
      status: "succeeded",
      gateway_reference: "refund_test_r1",
      gateway_amount: "3050",
      currency_code: "jpy",
      gateway: {
        order_id: ORDER_ID,
        refunds: [
          {
            id: "refund_test_r1",
            payment: PAYMENT_1,
            amount: 3050,
            status: "succeeded",
            reference: key,
          },
        ],
      },
    })
  })

  it("records a refund Smartpay already shows under our reference, without sending (after 6 h too)", async () => {
    server.on("GET", ORDER_PATH, paidOnce(["refund_test_old", "refund_test_r1"]))
    server.on("GET", "/v1/refunds/refund_test_old", {
      json: refund("refund_test_old", PAYMENT_1, 500),
    })
    // no metadata: found by its reference alone
    server.on("GET", "/v1/refunds/refund_test_r1", {
      json: refund("refund_test_r1", PAYMENT_1, 3050, { reference: key }),
    })
    expect((await run()).gateway_reference).toBe("refund_test_r1")
    expect(server.requestsTo("POST", "/v1/refunds")).toHaveLength(0)
  })

  it("after a lost answer, records the refund the re-read finds", async () => {
    server.on("GET", ORDER_PATH, paidOnce(), paidOnce(["refund_test_r1"]))
    server.on("GET", "/v1/refunds/refund_test_r1", { json: made("refund_test_r1", 3050) })
    server.on("POST", "/v1/refunds", { drop: "after_body" })
    const outcome = await run()
    expect(outcome.gateway_reference).toBe("refund_test_r1")
    expect(server.requestsTo("POST", "/v1/refunds")).toHaveLength(1)
  })

  it("after a lost answer and nothing found, resends once under the same Idempotency-Key", async () => {
    server.on("GET", ORDER_PATH, paidOnce())
    server.on(
      "POST",
      "/v1/refunds",
      {
        status: 503,
        json: { errorCode: "service.unavailable", message: "Service temporarily unavailable" },
      },
      { json: made("refund_test_r1", 3050) },
    )
    expect((await run()).status).toBe("succeeded")
    const sent = server.requestsTo("POST", "/v1/refunds")
    expect(sent.map((r) => r.headers["idempotency-key"])).toEqual([key, key])
    expect(sent[0].body).toBe(sent[1].body)
  })

  it("ends ambiguous when every answer is lost and Smartpay shows nothing", async () => {
    server.on("GET", ORDER_PATH, paidOnce())
    server.on("POST", "/v1/refunds", { drop: "after_body" })
    const error = (await run().catch((e: unknown) => e)) as GatewayError
    expect(error).toBeInstanceOf(GatewayError)
    expect(error.kind).toBe("ambiguous")
    expect(server.requestsTo("POST", "/v1/refunds")).toHaveLength(2)
  })

  it("a failed read before sending sends nothing", async () => {
    server.on("GET", ORDER_PATH, { status: 502, body: "bad gateway" })
    const error = (await run().catch((e: unknown) => e)) as GatewayError
    expect(error.kind).toBe("unavailable")
    expect(server.requestsTo("POST", "/v1/refunds")).toHaveLength(0)
  })

  it("splits across payments oldest first, each part under its own key, all recorded", async () => {
    // two partial captures: 3,000 then 5,850; all three items (8,850) come back
    const everything = returnIntent({ ordli_shirt: 2, ordli_mug: 1 }, true)
    const k = everything.idempotency_key
    server.on("GET", ORDER_PATH, {
      json: order("succeeded", [
        payment(PAYMENT_2, 5850, [], 20),
        payment(PAYMENT_1, 3000, [], 10),
      ]),
    })
    server.on("POST", "/v1/refunds", (request) => {
      const body = request.json() as {
        payment: string
        amount: number
        reference: string
        metadata: Record<string, string>
      }
      const id = body.payment === PAYMENT_1 ? "refund_test_a" : "refund_test_b"
      return {
        json: refund(id, body.payment, body.amount, {
          reference: body.reference,
          metadata: body.metadata,
        }),
      }
    })
    const outcome = await run(everything)
    const sent = server.requestsTo("POST", "/v1/refunds")
    expect(sent.map((r) => r.headers["idempotency-key"])).toEqual([k, `${k}-p2`])
    expect(sent.map((r) => r.json())).toMatchObject([
      { payment: PAYMENT_1, amount: 3000, reference: k, metadata: { medusa_refund_part: "1" } },
      { payment: PAYMENT_2, amount: 5850, reference: k, metadata: { medusa_refund_part: "2" } },
    ])
    expect(outcome).toMatchObject({
      status: "succeeded",
      gateway_reference: "refund_test_a+refund_test_b",
      gateway_amount: "8850",
    })
  })

  it("a refund Smartpay answers as failed is recorded as failed", async () => {
    server.on("GET", ORDER_PATH, paidOnce())
    server.on("POST", "/v1/refunds", { json: made("refund_test_r1", 3050, { status: "failed" }) })
    expect(await run()).toMatchObject({ status: "failed", gateway_reference: "refund_test_r1" })
  })

  it("after a failed part, the next attempt numbers on instead of replaying its key", async () => {
    server.on("GET", ORDER_PATH, paidOnce(["refund_test_r1"]))
    server.on("GET", "/v1/refunds/refund_test_r1", {
      json: made("refund_test_r1", 3050, { status: "failed" }),
    })
    server.on("POST", "/v1/refunds", { json: made("refund_test_r2", 3050) })
    expect((await run()).gateway_reference).toBe("refund_test_r2")
    const [sent] = server.requestsTo("POST", "/v1/refunds")
    expect(sent.headers["idempotency-key"]).toBe(`${key}-p2`)
  })

  it("refuses more than the payments have left before sending anything", async () => {
    server.on("GET", ORDER_PATH, paidOnce(["refund_test_old"]))
    server.on("GET", "/v1/refunds/refund_test_old", {
      json: refund("refund_test_old", PAYMENT_1, 7000),
    })
    const error = (await run().catch((e: unknown) => e)) as GatewayError
    expect(error).toMatchObject({ kind: "rejected" })
    expect(error.message).toContain("only 1850 JPY is left")
    expect(server.requestsTo("POST", "/v1/refunds")).toHaveLength(0)
  })
})
