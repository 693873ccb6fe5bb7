/**
 * Test helpers: a started sandbox and a small fetch client that sends the Basic secret key and
 * an Idempotency-Key as the Node SDK does, plus checkout bodies and shortcuts.
 * Checkout S1: 6500 JPY = shirt 2 × 2000 + trousers 3000 − coupon 1000 + shipping 500.
 */
import { testCall, type TestAnswer } from "../../../kit/test-call"
import { useSandboxForFile } from "../../../kit/test-lifecycle"
import {
  startSmartpaySandbox,
  type SmartpaySandbox,
  type SmartpaySandboxOptions,
} from "../../start-sandbox"

export const SECRET_KEY = "sk_test_UnitTestKey123"
export const SIGNING_SECRET = "UnitTestSigningSecret42"

export type Answer = TestAnswer

export interface CallOptions {
  /** the Authorization header; default `Basic ${SECRET_KEY}`; null sends none */
  authorization?: string | null
  /** default a fresh random key on POST/PUT, as the SDK does; null sends none */
  idempotencyKey?: string | null
  /** a raw body text instead of JSON */
  rawBody?: string
}

export interface TestSandbox {
  sandbox: SmartpaySandbox
  /** a call below /v1, e.g. ("POST", "/refunds", {...}) */
  api(method: string, path: string, body?: unknown, options?: CallOptions): Promise<Answer>
  control(method: string, path: string, body?: unknown): Promise<Answer>
}

export const call = testCall

let keyCounter = 0

export async function startTestSandbox(
  options: Partial<SmartpaySandboxOptions> = {},
): Promise<TestSandbox> {
  const sandbox = await startSmartpaySandbox({
    secretKey: SECRET_KEY,
    signingSecret: SIGNING_SECRET,
    webhookRetryDelaysMs: [20, 20],
    log: () => undefined,
    ...options,
  })
  const api = async (method: string, path: string, body?: unknown, options: CallOptions = {}) => {
    const headers: Record<string, string> = { accept: "application/json" }
    const authorization =
      options.authorization === undefined ? `Basic ${SECRET_KEY}` : options.authorization
    if (authorization !== null) headers.authorization = authorization
    const key =
      options.idempotencyKey === undefined
        ? method === "GET"
          ? null
          : `test-key-${(keyCounter += 1)}`
        : options.idempotencyKey
    if (key !== null) headers["idempotency-key"] = key
    if (body !== undefined || options.rawBody !== undefined)
      headers["content-type"] = "application/json"
    return call(`${sandbox.apiUrl}${path}`, {
      method,
      headers,
      body: options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    })
  }
  return {
    sandbox,
    api,
    control: (method, path, body) =>
      call(`${sandbox.origin}/_control/${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  }
}

/** One sandbox per test file, reset (webhooks off) before each test. */
export function useTestSandbox(options: Partial<SmartpaySandboxOptions> = {}): TestSandbox {
  return useSandboxForFile(() => startTestSandbox(options))
}

export function checkoutBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amount: 6500,
    currency: "JPY",
    captureMethod: "manual",
    items: [
      { name: "Shirt", amount: 2000, currency: "JPY", quantity: 2, reference: "item_shirt" },
      { name: "Trousers", amount: 3000, currency: "JPY", quantity: 1, reference: "item_trousers" },
      { kind: "discount", name: "Coupon", amount: 1000, currency: "JPY", quantity: 1 },
    ],
    shippingInfo: {
      address: { line1: "1-2-3 Ginza", locality: "Chuo-ku", postalCode: "104-0061", country: "JP" },
      feeAmount: 500,
      feeCurrency: "JPY",
    },
    customerInfo: { emailAddress: "shopper@example.com" },
    successUrl: "https://shop.example/checkout/smartpay/success?session_id=payses_01",
    cancelUrl: "https://shop.example/checkout/smartpay/cancel?session_id=payses_01",
    reference: "payses_01",
    metadata: { medusa_session_id: "payses_01" },
    ...overrides,
  }
}

export interface CreatedOrder {
  checkoutSessionId: string
  orderId: string
  /** the li ids in item order: shirt, trousers, coupon */
  lineItemIds: string[]
}

export async function createCheckout(
  t: TestSandbox,
  overrides: Record<string, unknown> = {},
): Promise<CreatedOrder> {
  const created = await t.api("POST", "/checkout-sessions", checkoutBody(overrides))
  if (created.status !== 200) throw new Error(`checkout failed: ${created.text}`)
  return {
    checkoutSessionId: created.body.id,
    orderId: created.body.order.id,
    lineItemIds: created.body.order.lineItems.map((item: { id: string }) => item.id),
  }
}

/** Created, authorised and captured in the given parts (default: in full; [] = not at all). */
export async function paidOrder(
  t: TestSandbox,
  options: { captures?: number[]; overrides?: Record<string, unknown> } = {},
): Promise<CreatedOrder & { paymentIds: string[] }> {
  const created = await createCheckout(t, options.overrides)
  t.sandbox.control.pay(created.orderId)
  const paymentIds: string[] = []
  const parts = options.captures ?? [6500]
  for (const amount of parts) {
    const captured = await t.api("POST", "/payments", {
      order: created.orderId,
      amount,
      currency: "JPY",
      cancelRemainder: "manual",
    })
    if (captured.status !== 200) throw new Error(`capture failed: ${captured.text}`)
    paymentIds.push(captured.body.id)
  }
  return { ...created, paymentIds }
}

export const refundBody = (
  payment: string,
  amount: number,
  extra: Record<string, unknown> = {},
) => ({
  payment,
  amount,
  currency: "JPY",
  reason: "requested_by_customer",
  ...extra,
})
