import { createHmac } from "node:crypto"
import {
  Logger,
  ProviderWebhookPayload,
  RefundPaymentInput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import { MedusaError, Modules, PaymentActions } from "@medusajs/framework/utils"
import { z } from "zod"
import {
  refusedUrl,
  ScriptedServer,
  startScriptedServer,
} from "../../../integration-tests/test-support/scripted-server"
import { openPlanPatch, readLineRefundsState } from "../../core/payment-data"
import { GatewayRefundOutcome, RefundIntent } from "../../core/provider-refunds"
import {
  gatewayRefundPlan,
  RECONCILE_REQUEST_KEY,
  REFUND_UPDATED_EVENT,
  RefundUpdatedEvent,
} from "../../core/refund-outcomes"
import {
  GatewayError,
  OUTCOME_UNKNOWN_ERROR_CODE,
  RATE_LIMITED_ERROR_CODE,
  UNAVAILABLE_ERROR_CODE,
} from "../gateway-error"
import { GatewayHttpClient } from "../http-client"
import {
  GatewayWebhookResult,
  LineRefundsPaymentProvider,
  RefundReport,
  WebhookRejected,
} from "../line-refunds-provider"

/**
 * The base class every gateway provider extends, driven through a minimal provider for "Acme", a
 * made-up gateway whose side is a scripted HTTP server. Acme's payment id is Medusa's session id;
 * its notifications are signed (HMAC-SHA256 of the raw body, header `x-acme-signature`) and only
 * point at a payment, which the provider then reads from Acme (the body-as-pointer model).
 */

const WEBHOOK_SECRET = "whsec_acme_0123456789"
const API_KEY = "ak_acme_9876543210"

type AcmeOptions = { baseUrl: string; inDoubtWindowSeconds?: number }

const acmePayment = z.object({
  id: z.string(),
  status: z.string(),
  amount: z.string(),
  currency: z.string(),
  refunds: z.array(
    z.object({
      id: z.string(),
      status: z.enum(["pending", "succeeded", "failed"]),
      amount: z.string(),
      reference: z.string().nullish(),
    }),
  ),
})

class AcmeProvider extends LineRefundsPaymentProvider<AcmeOptions> {
  static override identifier = "acme"
  private readonly client: GatewayHttpClient

  constructor(cradle: Record<string, unknown>, options: AcmeOptions) {
    super(cradle, options)
    this.client = new GatewayHttpClient({
      gateway: "Acme",
      baseUrl: options.baseUrl,
      timeoutMs: 2_000,
      safeRetries: 0,
      headers: () => ({ "x-api-key": API_KEY }),
      readError: (status, body) => {
        const parsed = z.object({ message: z.string() }).safeParse(body)
        if (status < 400 || !parsed.success) return null
        const kind = status === 404 ? "not_found" : status === 429 ? "rate_limited" : "rejected"
        return new GatewayError("Acme", status >= 500 ? "ambiguous" : kind, parsed.data.message, {
          http_status: status,
        })
      },
    })
  }

  close() {
    return this.client.close()
  }

  protected gatewayReference(data: Record<string, unknown> | undefined): string {
    return String(data?.acme_payment_id ?? "")
  }

  protected async refundAtGateway(
    intent: RefundIntent,
    data: Record<string, unknown>,
  ): Promise<GatewayRefundOutcome> {
    const made = await this.client.call({
      method: "POST",
      path: `payments/${this.gatewayReference(data)}/refunds`,
      body: { amount: intent.amount, reference: intent.idempotency_key },
      schema: z.object({ id: z.string() }),
    })
    return { status: "pending", gateway_reference: made.id, gateway: { acme_refund_id: made.id } }
  }

  protected async readRefundReport(sessionId: string): Promise<RefundReport | null> {
    const payment = await this.readPayment(sessionId)
    if (!payment) return null
    return {
      provider: "acme",
      session_id: payment.id,
      payment_reference: payment.id,
      refunds: payment.refunds.map((r) => ({
        gateway_reference: r.id,
        status: r.status,
        amount: r.amount,
        currency_code: payment.currency,
        idempotency_key: r.reference ?? null,
      })),
    }
  }

  protected async handleWebhook(
    payload: ProviderWebhookPayload["payload"],
  ): Promise<GatewayWebhookResult> {
    const raw = String(payload.rawData ?? "")
    const expected = createHmac("sha256", WEBHOOK_SECRET).update(raw).digest("hex")
    if (payload.headers?.["x-acme-signature"] !== expected) {
      throw new WebhookRejected("bad signature")
    }
    const { payment_id, event } = z
      .object({ payment_id: z.string(), event: z.string() })
      .parse(JSON.parse(raw))
    if (event === "refunds.several") {
      const report = await this.readRefundReport(payment_id)
      const other = await this.readRefundReport("payses_2")
      return { result: { action: PaymentActions.NOT_SUPPORTED }, refunds: [report!, other!] }
    }
    if (event.startsWith("refund.")) {
      return {
        result: { action: PaymentActions.NOT_SUPPORTED },
        refunds: await this.readRefundReport(payment_id),
      }
    }
    const payment = await this.readPayment(payment_id)
    return payment?.status === "captured"
      ? {
          result: {
            action: PaymentActions.SUCCESSFUL,
            data: { session_id: payment.id, amount: Number(payment.amount) },
          },
        }
      : { result: { action: PaymentActions.NOT_SUPPORTED } }
  }

  private async readPayment(id: string) {
    try {
      return await this.client.call({ method: "GET", path: `payments/${id}`, schema: acmePayment })
    } catch (error) {
      if (error instanceof GatewayError && error.kind === "not_found") return null
      throw error
    }
  }

  // the payment flow is not what these tests are about
  private unused(): never {
    throw new Error("not used in this test")
  }
  async initiatePayment(): Promise<never> {
    return this.unused()
  }
  async authorizePayment(): Promise<never> {
    return this.unused()
  }
  async capturePayment(): Promise<never> {
    return this.unused()
  }
  async cancelPayment(): Promise<never> {
    return this.unused()
  }
  async deletePayment(): Promise<never> {
    return this.unused()
  }
  async getPaymentStatus(): Promise<never> {
    return this.unused()
  }
  async retrievePayment(): Promise<never> {
    return this.unused()
  }
  async updatePayment(): Promise<never> {
    return this.unused()
  }
}

/** Acme's answer for payment payses_1: one refund pending, one made in Acme's dashboard. */
const PAYMENT = {
  id: "payses_1",
  status: "captured",
  amount: "60.00",
  currency: "eur",
  refunds: [
    { id: "rf_1", status: "pending", amount: "20.00", reference: "lr_key_1" },
    { id: "rf_2", status: "succeeded", amount: "5.00", reference: null },
  ],
}
const REPORT = {
  provider: "acme",
  session_id: "payses_1",
  payment_reference: "payses_1",
  refunds: [
    {
      gateway_reference: "rf_1",
      status: "pending",
      amount: "20.00",
      currency_code: "eur",
      idempotency_key: "lr_key_1",
    },
    {
      gateway_reference: "rf_2",
      status: "succeeded",
      amount: "5.00",
      currency_code: "eur",
      idempotency_key: null,
    },
  ],
}

let server: ScriptedServer
let emitted: Array<{ name: string; data: unknown }>
let warnings: string[]
const providers: AcmeProvider[] = []

beforeAll(async () => {
  server = await startScriptedServer()
})
beforeEach(() => {
  emitted = []
  warnings = []
})
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.close()))
  server.reset()
})
afterAll(() => server.close())

/** the provider as the payment module builds it: Medusa's logger and event bus at the edge */
function provider(options: Partial<AcmeOptions> = {}): AcmeProvider {
  const logger = {
    warn: (message: string) => warnings.push(message),
    info: () => undefined,
    error: (message: string) => warnings.push(`error: ${message}`),
    debug: () => undefined,
  } as unknown as Logger
  const eventBus = {
    emit: async (message: { name: string; data: unknown }) => {
      emitted.push(message)
    },
  }
  const created = new AcmeProvider(
    { logger, [Modules.EVENT_BUS]: eventBus },
    { baseUrl: server.url, ...options },
  )
  providers.push(created)
  return created
}

function notification(body: unknown, sign = true): ProviderWebhookPayload["payload"] {
  const rawData = JSON.stringify(body)
  const signature = createHmac("sha256", WEBHOOK_SECRET).update(rawData).digest("hex")
  return {
    data: body as Record<string, unknown>,
    rawData,
    headers: sign ? { "x-acme-signature": signature } : {},
  }
}

/** what the reconciliation job sends: no raw body, a session id and nothing else */
const reconcileRequest = (sessionId = "payses_1"): ProviderWebhookPayload["payload"] =>
  ({
    data: { [RECONCILE_REQUEST_KEY]: { session_id: sessionId } },
    rawData: "",
    headers: {},
  }) as unknown as ProviderWebhookPayload["payload"]

const refundEvents = () =>
  emitted.map((e) => {
    expect(e.name).toBe(REFUND_UPDATED_EVENT)
    return e.data as RefundUpdatedEvent
  })

describe("LineRefundsPaymentProvider: webhook and reconciliation reach the same report", () => {
  it("a refund notification and a reconciliation read publish the same report, each naming its source", async () => {
    server.on("GET", "/payments/payses_1", { json: PAYMENT })
    const acme = provider({ inDoubtWindowSeconds: 120 })

    const fromWebhook = await acme.getWebhookActionAndData(
      notification({ payment_id: "payses_1", event: "refund.updated" }),
    )
    const fromJob = await acme.getWebhookActionAndData(reconcileRequest())

    expect(fromWebhook).toEqual({ action: PaymentActions.NOT_SUPPORTED })
    expect(fromJob).toEqual({ action: PaymentActions.NOT_SUPPORTED })
    const [webhook, reconciliation] = refundEvents()
    expect(webhook).toEqual({ ...REPORT, absent_after_seconds: 120, source: "webhook" })
    expect(reconciliation).toEqual({ ...webhook, source: "reconciliation" })
    // both read Acme, with our credentials; neither trusted a body for the refunds
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /payments/payses_1",
      "GET /payments/payses_1",
    ])
    expect(server.requests.every((r) => r.headers["x-api-key"] === API_KEY)).toBe(true)
    expect(warnings).toEqual([])
  })

  it("the report says how long a refund in doubt may stay unseen: the provider's window, 600 s by default", async () => {
    server.on("GET", "/payments/payses_1", { json: PAYMENT })
    await provider().getWebhookActionAndData(reconcileRequest())
    expect(refundEvents()[0].absent_after_seconds).toBe(600)
  })

  it("a reconciliation read names only the session it was asked about", async () => {
    server.on("GET", "/payments/payses_2", { json: { ...PAYMENT, id: "payses_2", refunds: [] } })
    await provider().getWebhookActionAndData(reconcileRequest("payses_2"))
    expect(refundEvents()).toEqual([
      expect.objectContaining({ session_id: "payses_2", refunds: [], source: "reconciliation" }),
    ])
  })

  it("a payment the gateway does not know publishes nothing", async () => {
    server.on("GET", "/payments/payses_9", { status: 404, json: { message: "No such payment" } })
    const acme = provider()
    await expect(acme.getWebhookActionAndData(reconcileRequest("payses_9"))).resolves.toEqual({
      action: PaymentActions.NOT_SUPPORTED,
    })
    await acme.getWebhookActionAndData(
      notification({ payment_id: "payses_9", event: "refund.updated" }),
    )
    expect(emitted).toEqual([])
    expect(server.requests).toHaveLength(2)
  })

  it("a notification about several payments publishes one report for each", async () => {
    server.on("GET", "/payments/payses_1", { json: PAYMENT })
    server.on("GET", "/payments/payses_2", { json: { ...PAYMENT, id: "payses_2", refunds: [] } })
    await provider().getWebhookActionAndData(
      notification({ payment_id: "payses_1", event: "refunds.several" }),
    )
    expect(refundEvents().map((e) => [e.session_id, e.source])).toEqual([
      ["payses_1", "webhook"],
      ["payses_2", "webhook"],
    ])
  })

  it("a payment notification goes to Medusa as its action, with no refund report", async () => {
    server.on("GET", "/payments/payses_1", { json: PAYMENT })
    const result: WebhookActionResult = await provider().getWebhookActionAndData(
      notification({ payment_id: "payses_1", event: "payment.captured" }),
    )
    expect(result).toEqual({
      action: PaymentActions.SUCCESSFUL,
      data: { session_id: "payses_1", amount: 60 },
    })
    expect(emitted).toEqual([])
  })

  it("a forged notification is logged once and changes nothing: no gateway read, no event", async () => {
    const forged = notification({ payment_id: "payses_1", event: "refund.updated" }, false)
    await expect(provider().getWebhookActionAndData(forged)).resolves.toEqual({
      action: PaymentActions.NOT_SUPPORTED,
    })
    expect(warnings).toEqual(["acme: notification rejected, nothing changed: bad signature"])
    expect(server.requests).toEqual([])
    expect(emitted).toEqual([])
  })

  it("a reconciliation request that came through the public webhook route (with a raw body) is a notification, not a re-read", async () => {
    const body = { [RECONCILE_REQUEST_KEY]: { session_id: "payses_1" } }
    await expect(provider().getWebhookActionAndData(notification(body, false))).resolves.toEqual({
      action: PaymentActions.NOT_SUPPORTED,
    })
    expect(warnings).toEqual(["acme: notification rejected, nothing changed: bad signature"])
    expect(server.requests).toEqual([])
    expect(emitted).toEqual([])
  })

  it.each([
    ["no session id", { [RECONCILE_REQUEST_KEY]: { session_id: "" } }],
    ["no request at all", { session_id: "payses_1" }],
  ])("a body-less request with %s is not a reconciliation request", async (_what, data) => {
    const payload = { data, rawData: "", headers: {} } as ProviderWebhookPayload["payload"]
    await provider().getWebhookActionAndData(payload)
    expect(warnings).toEqual(["acme: notification rejected, nothing changed: bad signature"])
    expect(server.requests).toEqual([])
  })

  it("a gateway that cannot be read fails the webhook and the job (so they are tried again), publishing nothing", async () => {
    server.on("GET", "/payments/payses_1", { status: 503, body: "down" })
    const acme = provider()
    await expect(
      acme.getWebhookActionAndData(
        notification({ payment_id: "payses_1", event: "refund.failed" }),
      ),
    ).rejects.toMatchObject({ name: "GatewayError", kind: "ambiguous" })
    await expect(acme.getWebhookActionAndData(reconcileRequest())).rejects.toMatchObject({
      name: "GatewayError",
      kind: "ambiguous",
    })
    expect(emitted).toEqual([])
    expect(warnings).toEqual([]) // a failed read is not a rejected notification
  })
})

describe("LineRefundsPaymentProvider: refundPayment", () => {
  const input = (overrides: Partial<RefundPaymentInput> = {}): RefundPaymentInput => ({
    amount: "12.50",
    data: { acme_payment_id: "payses_1" },
    context: { idempotency_key: "ref_01" },
    ...overrides,
  })

  it("sends the refund once under its key and returns it in data; outcome events never leave from here", async () => {
    server.on("POST", "/payments/payses_1/refunds", { status: 201, json: { id: "rf_9" } })
    const { data } = await provider().refundPayment(input())
    const [request] = server.requests
    const sent = request.json() as { amount: string; reference: string }
    expect(sent.amount).toBe("12.5") // the intent's decimal string
    expect(sent.reference).toMatch(/^lr_/)
    expect(data).toMatchObject({
      line_refunds: {
        refunds: {
          ref_01: {
            refund_id: "ref_01",
            status: "pending",
            gateway_reference: "rf_9",
            idempotency_key: sent.reference,
            origin: "gateway",
          },
        },
      },
    })
    expect(emitted).toEqual([])
  })

  it("records a refund the gateway already made (reported by a webhook) without calling it", async () => {
    const now = new Date()
    const { plan } = gatewayRefundPlan({
      report: REPORT.refunds[1] as RefundUpdatedEvent["refunds"][number],
      in_doubt: null,
      provider: "acme",
      payment: { id: "pay_1", currency_code: "eur" },
      order: { id: "order_1", pending_difference: "0" },
      now,
    })
    const data = {
      acme_payment_id: "payses_1",
      ...openPlanPatch(readLineRefundsState({}), plan),
    }
    const { data: recorded } = await provider().refundPayment(input({ amount: "5.00", data }))
    expect(recorded).toMatchObject({
      line_refunds: {
        refunds: { ref_01: { gateway_reference: "rf_2", status: "succeeded", origin: "recorded" } },
        plans: { [plan.id]: { status: "consumed", consumed_by_refund_id: "ref_01" } },
      },
    })
    expect(server.requests).toEqual([])
  })

  it.each([
    [
      "a 5xx: the refund may have been made",
      { status: 503, json: { message: "Maintenance" } },
      { type: MedusaError.Types.UNEXPECTED_STATE, code: OUTCOME_UNKNOWN_ERROR_CODE },
      /^Acme may have made this refund, but its answer was lost\. Nothing is booked yet; do not refund again — .* \(Maintenance\)$/,
    ],
    [
      "a lost connection: the refund may have been made",
      { drop: "after_body" as const },
      { type: MedusaError.Types.UNEXPECTED_STATE, code: OUTCOME_UNKNOWN_ERROR_CODE },
      /do not refund again/,
    ],
    [
      "a 429: nothing was done",
      { status: 429, json: { message: "Slow down" } },
      { type: MedusaError.Types.NOT_ALLOWED, code: RATE_LIMITED_ERROR_CODE },
      /^Acme is receiving too many requests and did not take the refund, so nothing was done\. Try again in a moment\. \(Slow down\)$/,
    ],
    [
      "a refusal in the gateway's words",
      { status: 400, json: { message: "Refund exceeds EUR 10.00" } },
      { type: MedusaError.Types.NOT_ALLOWED, code: undefined },
      /^Acme refused the refund, so nothing was refunded: Refund exceeds EUR 10\.00$/,
    ],
  ])(
    "a refund that ends in %s becomes the matching MedusaError",
    async (_what, reply, kind, message) => {
      server.on("POST", "/payments/payses_1/refunds", reply)
      const error = await provider()
        .refundPayment(input())
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MedusaError)
      expect(error).toMatchObject(kind)
      expect((error as MedusaError).message).toMatch(message)
      expect((error as MedusaError).message).not.toContain(API_KEY)
      expect(server.requestsTo("POST", "/payments/payses_1/refunds")).toHaveLength(1)
      expect(emitted).toEqual([])
    },
  )

  it("an unreachable gateway is a definite failure: nothing was done", async () => {
    const error = await provider({ baseUrl: await refusedUrl() })
      .refundPayment(input())
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      type: MedusaError.Types.UNEXPECTED_STATE,
      code: UNAVAILABLE_ERROR_CODE,
    })
  })
})
