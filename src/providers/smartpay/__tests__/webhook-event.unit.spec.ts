import { createHmac } from "node:crypto"
import { PaymentActions } from "@medusajs/framework/utils"
import {
  ScriptedServer,
  startScriptedServer,
} from "../../../../integration-tests/test-support/scripted-server"
import { WebhookRejected } from "../../../gateway-kit"
import { SmartpayClient } from "../api/smartpay-client"
import { decodeBase62 } from "../webhooks/base62"
import { readSmartpayEvent } from "../webhooks/read-event"
import { order, ORDER_ID, payment, PAYMENT_1, refund } from "../__fixtures__/smartpay-objects"

const SECRET = "WebhookEventTestSecret42"
const NOW = new Date("2026-12-02T10:00:00Z")

function delivery(
  type: string,
  data: Record<string, unknown>,
  subscription = "webhookendpoint_test_a",
) {
  const body = JSON.stringify({
    id: "evt_test_1",
    object: "event",
    eventData: { type, version: "2022-02-18", data },
  })
  const ts = String(NOW.getTime())
  return {
    data: JSON.parse(body) as Record<string, unknown>,
    rawData: Buffer.from(body),
    headers: {
      "smartpay-signature": createHmac("sha256", decodeBase62(SECRET))
        .update(`${ts}.${body}`)
        .digest("hex"),
      "smartpay-signature-timestamp": ts,
      "smartpay-subscription-id": subscription,
    },
  }
}

describe("Smartpay webhook events", () => {
  let server: ScriptedServer
  let client: SmartpayClient
  beforeAll(async () => {
    server = await startScriptedServer()
    client = new SmartpayClient({
      baseUrl: `${server.url}v1/`,
      secretKey: "sk_test_w1",
      timeoutMs: 1_000,
    })
  })
  afterAll(async () => {
    await client.close()
    await server.close()
  })
  beforeEach(() => server.reset())

  const read = (payload: ReturnType<typeof delivery>, signingSecret: string | undefined = SECRET) =>
    readSmartpayEvent({
      client,
      payload,
      settings: {
        signingSecret,
        subscriptionIds: ["webhookendpoint_test_a"],
        toleranceMs: 300_000,
      },
      now: NOW,
    })

  it("refund.created: the order is found through the payment and re-read; a dashboard refund is reported", async () => {
    server.on("GET", `/v1/payments/${PAYMENT_1}`, {
      json: payment(PAYMENT_1, 8850, ["refund_test_d"]),
    })
    server.on("GET", `/v1/orders/${ORDER_ID}`, {
      json: order("succeeded", [payment(PAYMENT_1, 8850, ["refund_test_d"])]),
    })
    server.on("GET", "/v1/refunds/refund_test_d", {
      json: refund("refund_test_d", PAYMENT_1, 1000),
    })
    // the body's amount is never used: only the re-read counts
    const result = await read(
      delivery("refund.created", { id: "refund_test_d", payment: PAYMENT_1, amount: 99 }),
    )
    expect(result.result).toEqual({
      action: PaymentActions.SUCCESSFUL,
      data: { session_id: "payses_01JSMARTPAY0000000000000001", amount: "8850" },
    })
    expect(result.refunds).toEqual({
      provider: "smartpay",
      session_id: "payses_01JSMARTPAY0000000000000001",
      payment_reference: ORDER_ID,
      refunds: [
        {
          gateway_reference: "refund_test_d",
          status: "succeeded",
          amount: "1000",
          currency_code: "jpy",
          idempotency_key: null,
          gateway_status: "succeeded",
          reason: null,
          created_at: new Date(1_764_670_000_000).toISOString(),
        },
      ],
    })
  })

  it.each([
    ["order.rejected", "rejected", PaymentActions.FAILED],
    ["order.canceled", "canceled", PaymentActions.CANCELED],
    ["order.authorized", "requires_capture", PaymentActions.AUTHORIZED],
  ])("%s reports the order's status as Medusa's action", async (type, status, action) => {
    server.on("GET", `/v1/orders/${ORDER_ID}`, { json: order(status) })
    const result = await read(delivery(type, { id: ORDER_ID }))
    expect(result.result.action).toBe(action)
    expect(result.refunds).toBeNull()
  })

  it("ignores other events, and an order that is not ours, after verifying", async () => {
    expect((await read(delivery("payout.paid", { id: "payout_test_1" }))).result.action).toBe(
      PaymentActions.NOT_SUPPORTED,
    )
    expect(server.requests).toHaveLength(0)
    server.on("GET", `/v1/orders/${ORDER_ID}`, {
      json: order("requires_capture", [], { reference: null, metadata: {} }),
    })
    expect((await read(delivery("order.authorized", { id: ORDER_ID }))).result.action).toBe(
      PaymentActions.NOT_SUPPORTED,
    )
  })

  it("trusts nothing without the secret, or from another subscription", async () => {
    await expect(read(delivery("order.authorized", { id: ORDER_ID }), "")).rejects.toThrow(
      WebhookRejected,
    )
    await expect(
      read(delivery("order.authorized", { id: ORDER_ID }, "webhookendpoint_test_other")),
    ).rejects.toThrow("unknown subscription")
    await expect(read(delivery("order.authorized", { id: "../refunds" }))).rejects.toThrow(
      "names no order",
    )
    expect(server.requests).toHaveLength(0)
  })
})
