import { readFileSync } from "node:fs"
import { join } from "node:path"
import { createHmac } from "node:crypto"
import { verifyNotificationSignature } from "../webhooks/verify-signature"
import { orderSchema } from "../api/schemas"
import { paymentStatus, webhookAction } from "../statuses"
import { refundReport } from "../refunds/refund-report"
import { o1Order } from "../__fixtures__/order-o1"
import MultiSafepayProviderService from "../service"
import { LedgerRefund } from "../../../core/ledger"
import { decideRefundOutcomes } from "../../../core/refund-outcomes"

// MultiSafepay's documented example (webhook page): key, Auth header and the signed payload.
const DOCS_KEY = "8HHhGgRWrA3O7NswjmgwyH7buPPCGnR5AkwAQyqI"
const DOCS_AUTH =
  "MTY0MTIxODg4NDowNmNiZjIyNmU3Yzg3M2VmZjk2OTIxZDdmZGUzOTk4ZWI2YmUwZGU3OTE1ZWUxYzFiNTE0OTUxMWZjYTgyZTI2YmIwYWIyZTZkMGUwYWQ5OTdjYmFiMTUxZTRiYTU2MTU0MThkOGUxMjUyODMwMTcyNjE0M2VkMTE0NjI4N2Y5Mw=="
const DOCS_BODY = readFileSync(join(__dirname, "../__fixtures__/docs-notification.payload.json"))
const SIGNED_AT = new Date(1641218884 * 1000)

const check = (overrides: Partial<Parameters<typeof verifyNotificationSignature>[0]> = {}) =>
  verifyNotificationSignature({
    authHeader: DOCS_AUTH,
    rawBody: DOCS_BODY,
    apiKey: DOCS_KEY,
    now: new Date(SIGNED_AT.getTime() + 5_000),
    maxAgeSeconds: 600,
    ...overrides,
  })

describe("MultiSafepay notification signature", () => {
  it("accepts the documented test vector", () => {
    expect(DOCS_BODY.length).toBe(1233)
    expect(check()).toEqual({ ok: true, timestamp: 1641218884 })
  })

  it("rejects a body changed by one byte, a wrong key, a missing or garbled header", () => {
    const tampered = Buffer.from(DOCS_BODY.toString().replace('"amount":1000', '"amount":9000'))
    expect(check({ rawBody: tampered })).toEqual({ ok: false, reason: "signature does not match" })
    expect(check({ apiKey: "another-website-key" })).toMatchObject({ ok: false })
    expect(check({ authHeader: undefined })).toEqual({ ok: false, reason: "no Auth header" })
    expect(check({ authHeader: "bm90IGEgc2lnbmF0dXJl" })).toMatchObject({ ok: false })
  })

  it("rejects a re-serialised body: only the exact bytes verify", () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(DOCS_BODY.toString())))
    expect(check({ rawBody: reserialised })).toMatchObject({ ok: false })
  })

  it("rejects stale notifications (replays) and ones from the future", () => {
    expect(check({ now: new Date(SIGNED_AT.getTime() + 601_000) })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("stale"),
    })
    expect(check({ now: new Date(SIGNED_AT.getTime() - 120_000) })).toMatchObject({ ok: false })
  })

  it("verifies what our own signing produces (the sandbox's side of the contract)", () => {
    const ts = "1700000000"
    const body = Buffer.from('{"order_id":"x"}')
    const sig = createHmac("sha512", "key-1234567890").update(`${ts}:${body}`).digest("hex")
    const auth = Buffer.from(`${ts}:${sig}`).toString("base64")
    expect(
      verifyNotificationSignature({
        authHeader: auth,
        rawBody: body,
        apiKey: "key-1234567890",
        now: new Date(1700000000 * 1000),
        maxAgeSeconds: 600,
      }).ok,
    ).toBe(true)
  })
})

describe("MultiSafepay statuses", () => {
  it("parses the documented notification body", () => {
    const order = orderSchema.parse(JSON.parse(DOCS_BODY.toString()))
    expect(order.order_id).toBe("my-order-id")
    expect(paymentStatus(order)).toBe("pending")
  })

  it("a completed pay-later order is authorized (captured at shipment); iDEAL is captured", () => {
    expect(paymentStatus(o1Order())).toBe("authorized")
    expect(paymentStatus(o1Order({ status: "shipped" }))).toBe("captured")
    expect(paymentStatus(o1Order({ payment_details: { type: "IDEAL" } }))).toBe("captured")
    expect(
      paymentStatus(
        o1Order({ payment_details: { type: "VISA", capture: "manual", capture_remain: 9500 } }),
      ),
    ).toBe("authorized")
    expect(paymentStatus(o1Order({ status: "declined" }))).toBe("error")
    expect(paymentStatus(o1Order({ status: "expired" }))).toBe("canceled")
  })

  it("a void pay-later order after a full refund is still a paid payment, and no payment action", () => {
    const refunded = o1Order({
      status: "void",
      related_transactions: [
        {
          type: "refund",
          status: "completed",
          amount: 9500,
          transaction_id: "77",
          refund_order_id: "lr_x",
        },
      ],
    } as never)
    expect(paymentStatus(refunded)).toBe("captured")
    expect(webhookAction(refunded)).toBe("not_supported")
  })

  it("reports refunds as the neutral event: major units, statuses, our echoed key, the reason verbatim", () => {
    const order = o1Order({
      order_id: "payses_01ABC-2",
      related_transactions: [
        { type: "capture", status: "completed", amount: 9500, transaction_id: "1" },
        {
          type: "refund",
          status: "reserved",
          amount: 3000,
          transaction_id: "77",
          refund_order_id: "lr_x",
        },
        { type: "refund", status: "declined", amount: 1234, transaction_id: "78" },
        {
          type: "refund",
          status: "declined",
          amount: 500,
          transaction_id: "79",
          reason: "Klarna declined the refund: invoice already settled",
        },
      ],
    } as never)
    expect(refundReport(order)).toEqual({
      provider: "multisafepay",
      session_id: "payses_01ABC",
      payment_reference: "payses_01ABC-2",
      refunds: [
        expect.objectContaining({
          gateway_reference: "77",
          status: "pending",
          amount: "30.00",
          currency_code: "eur",
          idempotency_key: "lr_x",
        }),
        expect.objectContaining({
          gateway_reference: "78",
          status: "failed",
          amount: "12.34",
          idempotency_key: null,
          reason: 'MultiSafepay marked the refund "declined" and gave no reason',
        }),
        expect.objectContaining({
          gateway_reference: "79",
          status: "failed",
          // the order page shows MultiSafepay's own reason, word for word
          reason: "Klarna declined the refund: invoice already settled",
        }),
      ],
    })
  })
})

describe("a refund MultiSafepay declines, as the order page shows it", () => {
  const pending: LedgerRefund = {
    id: "lref_1",
    payment_id: "pay_1",
    order_id: "order_1",
    provider_id: "pp_multisafepay_klarna",
    refund_id: "ref_1",
    idempotency_key: "lr_x",
    return_ids: [],
    kind: "amount",
    source: "admin_refund",
    status: "pending",
    amount: "5.00",
    currency_code: "eur",
    gateway_amount: null,
    gateway_reference: "79",
    failure_reason: null,
    doubt_reason: null,
    plan_id: null,
    pending_difference_before: null,
    note: null,
    created_at: "2026-11-22T12:00:00Z",
    status_changed_at: null,
    gateway: null,
    units: [],
  }
  const declined = (reason?: string) =>
    decideRefundOutcomes({
      entries: [pending],
      plans: {},
      payment_id: "pay_1",
      currency_code: "eur",
      event: {
        ...refundReport(
          o1Order({
            related_transactions: [
              {
                type: "refund",
                status: "declined",
                amount: 500,
                transaction_id: "79",
                refund_order_id: "lr_x",
                ...(reason === undefined ? {} : { reason }),
              },
            ],
          } as never),
        ),
        source: "webhook",
      },
    })

  it("keeps MultiSafepay's own reason, word for word, as the refund's failure reason", () => {
    expect(declined("Klarna declined the refund: invoice already settled")).toEqual([
      expect.objectContaining({
        type: "settle",
        status: "failed",
        failure_reason: "Klarna declined the refund: invoice already settled",
      }),
    ])
  })

  it("says that MultiSafepay gave no reason when its reason is missing or blank", () => {
    for (const reason of [undefined, "", "   "]) {
      expect(declined(reason)).toEqual([
        expect.objectContaining({
          failure_reason: 'MultiSafepay marked the refund "declined" and gave no reason',
        }),
      ])
    }
  })
})

describe("MultiSafepay notifications the provider refuses", () => {
  const apiKey = "test-api-key-0123456789"
  function signed(body: object) {
    const raw = Buffer.from(JSON.stringify(body))
    const ts = String(Math.floor(Date.now() / 1000))
    const sig = createHmac("sha512", apiKey).update(`${ts}:${raw}`).digest("hex")
    return {
      data: body,
      rawData: raw,
      headers: { auth: Buffer.from(`${ts}:${sig}`).toString("base64") },
    }
  }

  it("refuses a validly signed body that names no ISO currency: one warning, nothing published", async () => {
    const warnings: string[] = []
    const events: unknown[] = []
    const provider = new MultiSafepayProviderService(
      {
        logger: { warn: (m: string) => warnings.push(m), info: () => {}, error: () => {} },
        event_bus: { emit: async (e: unknown) => void events.push(e) },
      },
      {
        apiKey,
        notificationUrl: "https://shop.example/hooks/payment/multisafepay_multisafepay",
        redirectUrl: "https://shop.example/checkout/return",
        cancelUrl: "https://shop.example/checkout",
      },
    )
    const body = { ...JSON.parse(DOCS_BODY.toString()), currency: "EURO" }
    const result = await provider.getWebhookActionAndData(signed(body) as never)
    expect(result).toEqual({ action: "not_supported" })
    expect(warnings).toEqual([
      "multisafepay: notification rejected, nothing changed: signed body is not a MultiSafepay order",
    ])
    expect(events).toEqual([])
    expect(orderSchema.safeParse(JSON.parse(DOCS_BODY.toString())).success).toBe(true)
  })
})
