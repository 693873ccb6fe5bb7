import { Logger } from "@medusajs/framework/types"
import {
  ScriptedServer,
  startScriptedServer,
} from "../../../../integration-tests/test-support/scripted-server"
import { amountOnlyIntent } from "../../../core/provider-refunds/__fixtures__/refund-intent"
import { GatewayError, refundOnce } from "../../../gateway-kit"
import { WorldlineClient } from "../api/worldline-client"
import { worldlineRefundSteps } from "../refunds/refund-steps"
import { MID, ORDER_ID, PRIVATE_KEY_1, rawOrder, tx } from "../__fixtures__/orders"

const ORDER_PATH = `/api/v2/merchants/${MID}/orders/${ORDER_ID}`
const TOKEN_PATH = "/api/v2/oauth2/tokens"

describe("Worldline refunds over HTTP", () => {
  let server: ScriptedServer
  let client: WorldlineClient
  const warnings: string[] = []
  const logger = { warn: (m: string) => warnings.push(m) } as unknown as Logger
  const intent = amountOnlyIntent("10.5", ORDER_ID)
  const key = intent.idempotency_key

  beforeAll(async () => {
    server = await startScriptedServer()
  })
  afterAll(() => server.close())
  beforeEach(() => {
    server.reset()
    warnings.length = 0
    server.on("POST", TOKEN_PATH, { json: { access_token: "t", expires_in: 300 } })
    client = new WorldlineClient({
      baseUrl: server.url,
      apiPathPrefix: "/api/v2",
      merchantId: MID,
      applicationId: "application-1",
      keys: [{ pem: PRIVATE_KEY_1 }],
      algorithm: "PS256",
      timeoutMs: 1_000,
    })
  })
  afterEach(() => client.close())

  const paid = (refunds: Record<string, unknown>[] = []) => ({
    json: rawOrder([
      tx("7000001", "Authorization", "Processed", 61.05),
      tx("7000002", "Capture", "Processed", 61.05),
      ...refunds,
    ]),
  })
  const run = () =>
    refundOnce(
      intent,
      worldlineRefundSteps({
        client,
        intent,
        orderId: ORDER_ID,
        currency: "EUR",
        retries: 3,
        logger,
        retryWaitsMs: [10, 10, 10],
      }),
      { inDoubtWindowSeconds: 600, logger, recheckWaitsMs: [0] },
    )

  it("sends 10.50 exactly, and records Worldline's answer", async () => {
    server.on("GET", ORDER_PATH, paid())
    server.on("POST", `${ORDER_PATH}/refunds`, {
      json: rawOrder([tx("7000003", "Credit", "Processed", 10.5, { requestId: key })]),
    })
    const outcome = await run()
    const [sent] = server.requestsTo("POST", `${ORDER_PATH}/refunds`)
    expect(sent.body).toBe(`{"requestId":"${key}","amount":{"amount":10.50,"currency":"EUR"}}`)
    expect(outcome).toEqual({
      status: "succeeded",
      gateway_reference: "7000003",
      gateway_amount: "10.50",
      currency_code: "eur",
      gateway: {
        order_id: ORDER_ID,
        request_id: key,
        transactions: [{ id: "7000003", type: "Credit", state: "Processed", amount: "10.5" }],
      },
    })
  })

  it("repeats the very same body after lost answers, then records the result", async () => {
    server.on("GET", ORDER_PATH, paid())
    server.on(
      "POST",
      `${ORDER_PATH}/refunds`,
      { drop: "after_body" },
      { status: 503, json: { statusCode: 40001, description: "busy" } },
      { json: rawOrder([tx("7000003", "Payout", "Registered", 10.5, { requestId: key })]) },
    )
    const outcome = await run()
    const bodies = server.requestsTo("POST", `${ORDER_PATH}/refunds`).map((r) => r.body)
    expect(bodies).toHaveLength(3)
    expect(new Set(bodies).size).toBe(1)
    expect(outcome.status).toBe("pending")
    expect(warnings).toHaveLength(2)
  })

  it("ends in doubt when every repeat is lost and the order shows nothing", async () => {
    server.on("GET", ORDER_PATH, paid())
    server.on("POST", `${ORDER_PATH}/refunds`, { status: 502, body: "bad gateway" })
    const error = (await run().catch((e: unknown) => e)) as GatewayError
    expect(error.kind).toBe("ambiguous")
    expect(server.requestsTo("POST", `${ORDER_PATH}/refunds`)).toHaveLength(4)
  })

  it("records a refund already under the key without sending; after a decline sends <key>-2", async () => {
    server.on(
      "GET",
      ORDER_PATH,
      paid([tx("7000003", "Credit", "Processed", 10.5, { requestId: key })]),
    )
    expect((await run()).gateway_reference).toBe("7000003")
    expect(server.requestsTo("POST", `${ORDER_PATH}/refunds`)).toHaveLength(0)

    server.on(
      "GET",
      ORDER_PATH,
      paid([tx("7000003", "Credit", "Declined", 10.5, { requestId: key })]),
    )
    server.on("POST", `${ORDER_PATH}/refunds`, {
      json: rawOrder([tx("7000004", "Credit", "Processed", 10.5, { requestId: `${key}-2` })]),
    })
    expect((await run()).gateway_reference).toBe("7000004")
    expect(JSON.parse(server.requestsTo("POST", `${ORDER_PATH}/refunds`)[0].body).requestId).toBe(
      `${key}-2`,
    )
  })

  it.each([
    [
      "an error answer",
      {
        status: 422,
        json: { statusCode: 22041, description: "Credits would exceed the debited amount" },
      },
      "Credits would exceed the debited amount (status code 22041)",
    ],
    [
      "a rejected transaction",
      {
        json: rawOrder([
          tx("7000003", "Credit", "Rejected", 10.5, {
            requestId: key,
            statusCode: 22041,
            description: "Credits would exceed the debited amount",
          }),
        ]),
      },
      "Credits would exceed the debited amount (status code 22041)",
    ],
  ])("a refusal as %s is Worldline's, in its words", async (_, reply, message) => {
    server.on("GET", ORDER_PATH, paid())
    server.on("POST", `${ORDER_PATH}/refunds`, reply)
    const error = (await run().catch((e: unknown) => e)) as GatewayError
    expect(error).toBeInstanceOf(GatewayError)
    expect(error.kind).toBe("rejected")
    expect(error.message).toBe(message)
    expect(server.requestsTo("POST", `${ORDER_PATH}/refunds`)).toHaveLength(1)
  })
})
