import { Logger } from "@medusajs/framework/types"
import {
  MedusaError,
  Modules,
  PaymentActions,
  PaymentSessionStatus,
} from "@medusajs/framework/utils"
import {
  startSmartpaySandbox,
  type SmartpaySandbox,
} from "../../../../integration-tests/sandboxes/smartpay/start-sandbox"
import {
  ScriptedServer,
  startScriptedServer,
} from "../../../../integration-tests/test-support/scripted-server"
import { CHECKOUT_CART_KEY } from "../../../core/checkout-cart"
import { openPlanPatch, readLineRefundsState, StoredRefundPlan } from "../../../core/payment-data"
import { buildRefundPlan, emptyLedger } from "../../../core/refund-plan"
import { RefundUpdatedEvent } from "../../../core/refund-outcomes"
import SmartpayProviderService from "../service"
import { jpyCart, SESSION_ID } from "../__fixtures__/checkout-cart"
import { jpyOrder } from "../__fixtures__/refund-intents"

const SECRET_KEY = "sk_test_FlowTestKey0123456789"
const SIGNING_SECRET = "FlowTestSigningSecret0123456789"

/**
 * The provider against the Smartpay sandbox (integration-tests/sandboxes/smartpay): the wire
 * format both sides agree on, from checkout to a refund and its webhook.
 */
describe("Smartpay provider against the sandbox", () => {
  let sandbox: SmartpaySandbox
  let receiver: ScriptedServer
  const logs: string[] = []
  const events: RefundUpdatedEvent[] = []
  const logger = {
    warn: (m: string) => logs.push(m),
    info: (m: string) => logs.push(m),
    error: (m: string) => logs.push(m),
    debug: (m: string) => logs.push(m),
  } as unknown as Logger
  let provider: SmartpayProviderService

  beforeAll(async () => {
    sandbox = await startSmartpaySandbox({
      secretKey: SECRET_KEY,
      signingSecret: SIGNING_SECRET,
      webhookRetryDelaysMs: [],
      log: () => undefined,
    })
    receiver = await startScriptedServer()
  })
  afterAll(async () => {
    await sandbox.close()
    await receiver.close()
  })
  beforeEach(() => {
    sandbox.control.reset()
    sandbox.control.setAutoNotify(false)
    receiver.reset()
    receiver.on("POST", "/hooks/smartpay", { status: 200, json: {} })
    logs.length = 0
    events.length = 0
    provider = new SmartpayProviderService(
      {
        logger,
        [Modules.EVENT_BUS]: {
          emit: async (m: { data: RefundUpdatedEvent }) => void events.push(m.data),
        },
      },
      {
        secretKey: SECRET_KEY,
        apiUrl: sandbox.apiUrl,
        successUrl: "https://shop.example.jp/done",
        cancelUrl: "https://shop.example.jp/cart",
        webhookSigningSecret: SIGNING_SECRET,
        webhookSubscriptionIds: ["webhookendpoint_test_sandbox"],
        timeoutMs: 2_000,
      },
    )
  })

  const sessionData = () => ({ session_id: SESSION_ID, [CHECKOUT_CART_KEY]: jpyCart() })

  /** checkout, shopper pays, Medusa authorises and captures: the payment's data */
  async function paidPayment(): Promise<Record<string, unknown>> {
    const started = await provider.initiatePayment({
      amount: 8850,
      currency_code: "jpy",
      data: sessionData(),
    })
    sandbox.control.pay(started.id)
    const authorized = await provider.authorizePayment({
      data: { ...sessionData(), ...started.data },
    })
    expect(authorized.status).toBe(PaymentSessionStatus.AUTHORIZED)
    await provider.capturePayment({ data: authorized.data })
    return authorized.data!
  }

  function refundData(data: Record<string, unknown>, returned: Record<string, number>) {
    const draft = buildRefundPlan({
      order: jpyOrder(),
      returns: [
        {
          id: "ret_1",
          display_id: 12,
          items: Object.entries(returned).map(([item_id, q]) => ({
            item_id,
            received_quantity: q,
          })),
        },
      ],
      ledger: emptyLedger(),
      shipping: false,
    })
    const plan: StoredRefundPlan = {
      ...draft,
      id: "lrp_1",
      status: "open",
      source: "return_refund",
      payment_id: "pay_1",
      created_at: new Date().toISOString(),
      idempotency_key: "lr_5a1e000000000000000000000000000000000",
      pending_difference_before: null,
    }
    return {
      amount: draft.amount_exact,
      data: { ...data, ...openPlanPatch(readLineRefundsState(data), plan) },
    }
  }

  async function delivered(type: Parameters<SmartpaySandbox["control"]["notify"]>[0], id: string) {
    sandbox.control.setWebhookUrl(`${receiver.url}hooks/smartpay`)
    await sandbox.control.notify(type, id)
    const request = receiver.requestsTo("POST", "/hooks/smartpay").at(-1)!
    return {
      data: JSON.parse(request.body) as Record<string, unknown>,
      rawData: Buffer.from(request.body),
      headers: request.headers as Record<string, unknown>,
    }
  }

  it("checks out, authorises with the li ids, captures once", async () => {
    const started = await provider.initiatePayment({
      amount: 8850,
      currency_code: "jpy",
      data: sessionData(),
    })
    const smartpay = started.data!.smartpay as Record<string, unknown>
    expect(started.id).toMatch(/^order_test_/)
    expect(smartpay).toMatchObject({
      checkout_session_id: expect.stringMatching(/^checkout_test_/),
    })
    expect(started.data!.redirect_url).toBe(smartpay.url)
    const order = sandbox.control.order(SESSION_ID)!
    expect(order).toMatchObject({ amount: 8850, captureMethod: "manual", reference: SESSION_ID })

    sandbox.control.pay(started.id)
    const authorized = await provider.authorizePayment({
      data: { ...sessionData(), ...started.data },
    })
    const lineItems = (authorized.data!.smartpay as { line_items: Record<string, string> })
      .line_items
    expect(Object.keys(lineItems).sort()).toEqual(["cali_mug", "cali_shirt"])
    // the products' li ids, in cart order; the promotion's discount line is not a cart line
    expect(Object.values(lineItems)).toEqual(
      (order.lineItems as Array<{ id: string; kind?: string | null }>)
        .filter((l) => l.kind !== "discount")
        .map((l) => l.id),
    )
    expect(order.lineItems).toHaveLength(3)

    await provider.capturePayment({ data: authorized.data })
    await provider.capturePayment({ data: authorized.data }) // a retry: nothing captured twice
    const captured = sandbox.control.order(SESSION_ID)!
    expect(captured.status).toBe("succeeded")
    expect(captured.payments).toHaveLength(1)
    expect((await provider.getPaymentStatus({ data: authorized.data })).status).toBe(
      PaymentSessionStatus.CAPTURED,
    )
  })

  it("refunds a returned shirt once, listing its li id, and reports it from the webhook", async () => {
    const data = await paidPayment()
    const { amount, data: withPlan } = refundData(data, { ordli_shirt: 1 })
    const input = { amount, data: withPlan, context: { idempotency_key: "ref_1" } }
    const first = await provider.refundPayment(input)
    const again = await provider.refundPayment(input) // a retry of the same refund
    const refunds = sandbox.control.refunds(SESSION_ID)
    expect(refunds).toHaveLength(1)
    const li = (data.smartpay as { line_items: Record<string, string> }).line_items
    expect(refunds[0]).toMatchObject({
      amount: 3050,
      lineItems: [li.cali_shirt],
      reference: "lr_5a1e000000000000000000000000000000000",
      description: "Return R-12: 1× Shirt",
      reason: "requested_by_customer",
    })
    const recorded = (
      first.data!.line_refunds as {
        refunds: Record<string, { status: string; gateway_reference: string }>
      }
    ).refunds.ref_1
    expect(recorded).toMatchObject({ status: "succeeded", gateway_reference: refunds[0].id })
    expect(again.data).toMatchObject({
      line_refunds: { refunds: { ref_1: { gateway_reference: refunds[0].id } } },
    })

    const payload = await delivered("refund.created", refunds[0].id)
    const result = await provider.getWebhookActionAndData(payload)
    expect(result).toEqual({
      action: PaymentActions.SUCCESSFUL,
      data: { session_id: SESSION_ID, amount: "8850" },
    })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      provider: "smartpay",
      session_id: SESSION_ID,
      source: "webhook",
      refunds: [
        {
          gateway_reference: refunds[0].id,
          status: "succeeded",
          amount: "3050",
          currency_code: "jpy",
          idempotency_key: "lr_5a1e000000000000000000000000000000000",
        },
      ],
    })
    // a replay reports the same snapshot
    await provider.getWebhookActionAndData(payload)
    expect(events[1].refunds).toEqual(events[0].refunds)
  })

  it("maps order webhooks to Medusa's actions; a forged one changes nothing", async () => {
    const started = await provider.initiatePayment({
      amount: 8850,
      currency_code: "jpy",
      data: sessionData(),
    })
    sandbox.control.pay(started.id)
    const payload = await delivered("order.authorized", started.id)
    expect(await provider.getWebhookActionAndData(payload)).toEqual({
      action: PaymentActions.AUTHORIZED,
      data: { session_id: SESSION_ID, amount: "8850" },
    })
    const forged = {
      ...payload,
      rawData: Buffer.from(payload.rawData.toString().replace("8850", "9850")),
    }
    expect(await provider.getWebhookActionAndData(forged)).toEqual({
      action: PaymentActions.NOT_SUPPORTED,
    })
    expect(logs.some((m) => m.includes("signature does not match"))).toBe(true)

    await provider.cancelPayment({ data: started.data })
    const canceled = await delivered("order.canceled", started.id)
    expect((await provider.getWebhookActionAndData(canceled)).action).toBe(PaymentActions.CANCELED)
  })

  it("splits a refund across two partial captures, each part under its own key", async () => {
    const started = await provider.initiatePayment({
      amount: 8850,
      currency_code: "jpy",
      data: sessionData(),
    })
    sandbox.control.pay(started.id)
    const authorized = await provider.authorizePayment({
      data: { ...sessionData(), ...started.data },
    })
    await provider.capturePayment({ data: authorized.data, amount: 3000 } as never)
    await provider.capturePayment({ data: authorized.data }) // the rest: 5,850
    expect(sandbox.control.order(SESSION_ID)!.payments).toHaveLength(2)

    const { data } = refundData(authorized.data!, { ordli_shirt: 2, ordli_mug: 1 })
    // everything but the shipping: 8,080 yen, 3,000 from the first payment and 5,080 from the second
    const refunded = await provider.refundPayment({
      amount: "8080",
      data,
      context: { idempotency_key: "ref_2" },
    })
    const refunds = sandbox.control.refunds(SESSION_ID)
    expect(refunds.map((r) => r.amount)).toEqual([3000, 5080])
    expect(new Set(refunds.map((r) => r.reference))).toEqual(
      new Set(["lr_5a1e000000000000000000000000000000000"]),
    )
    expect(refunded.data).toMatchObject({
      line_refunds: {
        refunds: { ref_2: { gateway_reference: refunds.map((r) => r.id).join("+") } },
      },
    })
  })

  it("answers the reconciliation job from the session's order", async () => {
    const data = await paidPayment()
    const { amount, data: withPlan } = refundData(data, { ordli_mug: 1 })
    await provider.refundPayment({ amount, data: withPlan, context: { idempotency_key: "ref_3" } })
    const reconciling = new SmartpayProviderService(
      {
        logger,
        [Modules.EVENT_BUS]: {
          emit: async (m: { data: RefundUpdatedEvent }) => void events.push(m.data),
        },
        paymentSessionService: { retrieve: async () => ({ id: SESSION_ID, data }) },
      },
      {
        secretKey: SECRET_KEY,
        apiUrl: sandbox.apiUrl,
        successUrl: "https://a.jp/ok",
        cancelUrl: "https://a.jp/no",
      },
    )
    const answer = await reconciling.getWebhookActionAndData({
      data: { line_refunds_reconcile: { session_id: SESSION_ID } },
      rawData: "",
      headers: {},
    })
    expect(answer).toEqual({ action: PaymentActions.NOT_SUPPORTED })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      source: "reconciliation",
      session_id: SESSION_ID,
      refunds: [{ amount: "1980", status: "succeeded" }],
    })
  })

  it("a new amount makes a new checkout session and cancels the unpaid old order", async () => {
    const started = await provider.initiatePayment({
      amount: 8850,
      currency_code: "jpy",
      data: sessionData(),
    })
    // the shopper removed the shirts: a mug and the shipping, 2,750 yen
    const smaller = jpyCart({
      items: [
        {
          id: "cali_mug",
          title: "Mug",
          variant_id: "variant_mug",
          quantity: 1,
          unit_price: 1980,
          is_tax_inclusive: true,
          tax_lines: [{ rate: 10 }],
        },
      ],
    })
    const updated = await provider.updatePayment({
      amount: 2750,
      currency_code: "jpy",
      data: { ...started.data, session_id: SESSION_ID, [CHECKOUT_CART_KEY]: smaller },
    })
    const next = updated.data!.smartpay as { order_id: string; attempt: number }
    expect(next.order_id).not.toBe(started.id)
    expect(next.attempt).toBe(2)
    expect(sandbox.control.order(started.id)!.status).toBe("canceled")
    expect(sandbox.control.order(next.order_id)!.amount).toBe(2750)
  })

  it("a fraction of a yen is refused before any call", async () => {
    await expect(
      provider.initiatePayment({ amount: "8850.5", currency_code: "jpy", data: sessionData() }),
    ).rejects.toThrow("whole yen")
  })

  it("a dropped session's unpaid order is cancelled", async () => {
    const started = await provider.initiatePayment({
      amount: 8850,
      currency_code: "jpy",
      data: sessionData(),
    })
    await provider.deletePayment({ data: started.data })
    expect(sandbox.control.order(started.id)!.status).toBe("canceled")
  })

  it("never puts the secret key in an error or a log", async () => {
    const data = await paidPayment()
    const { data: withPlan } = refundData(data, { ordli_shirt: 2, ordli_mug: 1 })
    const error = await provider
      .refundPayment({ amount: "99999", data: withPlan, context: { idempotency_key: "ref_9" } })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MedusaError)
    const wrongKey = new SmartpayProviderService(
      { logger },
      {
        secretKey: "sk_test_WrongKey42",
        apiUrl: sandbox.apiUrl,
        successUrl: "https://shop.example.jp/done",
        cancelUrl: "https://shop.example.jp/cart",
      },
    )
    const refused = await wrongKey
      .getPaymentStatus({ data })
      .catch((e: unknown) => e as MedusaError)
    expect((refused as MedusaError).message).toContain("refused the store's credentials")
    for (const text of [...logs, (error as Error).message, (refused as Error).message]) {
      expect(text).not.toContain(SECRET_KEY)
      expect(text).not.toContain("WrongKey42")
      expect(text).not.toContain(SIGNING_SECRET)
    }
  })
})
