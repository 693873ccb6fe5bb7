/**
 * Test helpers: a started sandbox plus a tiny fetch client that fetches (and caches) a token,
 * and a create-order body (order K1: 143.11 AUD = items 131.75 + shipping 9.09 + tax 2.27).
 */
import { testCall, type TestAnswer } from "../../../kit/test-call"
import { useSandboxForFile } from "../../../kit/test-lifecycle"
import { OpttySandbox, OpttySandboxOptions, startOpttySandbox } from "../../start-sandbox"

export const CLIENT_ID = "test-client-id"
export const CLIENT_SECRET = "test-client-secret-7f3a"
export const MERCHANT_ID = "merchant-42"
export const PAYMENT_SECRET = "test-payment-secret-91c2"

export type Answer = TestAnswer

export interface CallOptions {
  /** a token to send instead of the cached one; null sends no authorization header */
  token?: string | null
  /** sent as is, with content-type application/json unless contentType says otherwise */
  rawBody?: string
  contentType?: string
}

export interface TestSandbox {
  sandbox: OpttySandbox
  /** POST /auth/token?expires_in=1 with these form fields (defaults: the right credentials) */
  tokenRequest(fields?: Record<string, string>, contentType?: string): Promise<Answer>
  /** a fresh token from the token endpoint */
  freshToken(): Promise<string>
  /** an API call under /api (path without the prefix, e.g. "/orders"), with a bearer token */
  api(method: string, path: string, body?: unknown, options?: CallOptions): Promise<Answer>
  /** POST /orders/{ref}/details?merchantId=<the merchant> */
  details(orderReference: string): Promise<any>
  control(method: string, path: string, body?: unknown): Promise<Answer>
  /** forgets the cached token (after reset() or expireTokens()) */
  forgetToken(): void
}

export const TOKEN_FIELDS = {
  client_id: CLIENT_ID,
  client_secret: CLIENT_SECRET,
  grant_type: "client_credentials",
  scope: "api-user",
}

const call = testCall

export async function startTestSandbox(
  options: Partial<OpttySandboxOptions> = {},
): Promise<TestSandbox> {
  const sandbox = await startOpttySandbox({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    merchantId: MERCHANT_ID,
    paymentSecret: PAYMENT_SECRET,
    port: 0,
    webhookRetryDelaysMs: [20, 20],
    // most tests create orders without a callback URL; "no webhook" lines are expected
    log: () => undefined,
    ...options,
  })
  let cached: string | null = null
  const tokenRequest = (fields: Record<string, string> = TOKEN_FIELDS, contentType?: string) =>
    call(`${sandbox.authUrl}/token?expires_in=1`, {
      method: "POST",
      headers: { "content-type": contentType ?? "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    })
  const freshToken = async () => {
    const answer = await tokenRequest()
    if (answer.status !== 200) throw new Error(`token failed: ${JSON.stringify(answer.body)}`)
    return answer.body.access_token as string
  }
  const api = async (method: string, path: string, body?: unknown, options: CallOptions = {}) => {
    let token = options.token
    if (token === undefined) token = cached ??= await freshToken()
    const headers: Record<string, string> = {}
    if (token !== null) headers.authorization = `Bearer ${token}`
    const text = options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body))
    if (text !== undefined) headers["content-type"] = options.contentType ?? "application/json"
    return call(`${sandbox.apiUrl}${path}`, { method, headers, body: text })
  }
  return {
    sandbox,
    tokenRequest,
    freshToken,
    api,
    details: async (orderReference) => {
      const answer = await api(
        "POST",
        `/orders/${encodeURIComponent(orderReference)}/details?merchantId=${MERCHANT_ID}`,
        {},
      )
      if (answer.status !== 200) throw new Error(`details failed: ${JSON.stringify(answer.body)}`)
      return answer.body
    },
    control: (method, path, body) =>
      call(`${sandbox.origin}/_control/${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    forgetToken: () => {
      cached = null
    },
  }
}

/** Order K1: three lines, shipping and tax exclusive, 143.11 AUD in total. */
export function orderBody(
  orderReference: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    orderReference,
    bnplProvider: "KLARNA_AU",
    purchaseCountry: "AU",
    purchaseCurrency: "AUD",
    locale: "en-AU",
    orderAmount: 143.11,
    orderItems: [
      { name: "T-shirt M", quantity: 1, sku: "TS-M", unitPrice: 22.71, totalAmount: 22.71 },
      { name: "Mug", quantity: 2, sku: "MUG", unitPrice: 12.52, totalAmount: 25.04 },
      { name: "Jacket", quantity: 1, sku: "JKT", unitPrice: 84, totalAmount: 84 },
    ],
    taxAmount: 2.27,
    shippingAmount: 9.09,
    discountAmount: 0,
    customer: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" },
    billingAddress: { line1: "1 George St", city: "Sydney", postcode: "2000", country: "AU" },
    dynamicRedirectUrl: "https://store.example/checkout/optty-return",
    ...overrides,
  }
}

export function refundBody(
  refundReference: string,
  amount: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    refundReference,
    refundAmount: { amount, currency: "AUD" },
    refundDescription: `Return for ${refundReference}`,
    isActivatedViaOAuth: false,
    ...overrides,
  }
}

export async function createOrder(
  t: TestSandbox,
  orderReference: string,
  overrides: Record<string, unknown> = {},
): Promise<void> {
  const created = await t.api("POST", "/orders", orderBody(orderReference, overrides))
  if (created.status !== 200) throw new Error(`create failed: ${JSON.stringify(created.body)}`)
}

/** Created, paid (SUCCESSFUL) and, unless `capture` is false, captured in full. */
export async function paidOrder(
  t: TestSandbox,
  orderReference: string,
  options: {
    capture?: boolean
    overrides?: Record<string, unknown>
    surchargeAmount?: string
  } = {},
): Promise<void> {
  await createOrder(t, orderReference, options.overrides)
  t.sandbox.control.pay(orderReference, { surchargeAmount: options.surchargeAmount })
  if (options.capture === false) return
  const amount = (options.overrides?.orderAmount as number | undefined) ?? 143.11
  const captured = await t.api("POST", `/orders/${orderReference}/capture`, {
    captureReference: `cap-${orderReference}`,
    amount,
  })
  if (captured.status !== 200) throw new Error(`capture failed: ${JSON.stringify(captured.body)}`)
}

/** One sandbox for a test file, reset (webhooks off, token forgotten) before each test. */
export function useTestSandbox(options: Partial<OpttySandboxOptions> = {}): TestSandbox {
  return useSandboxForFile(
    () => startTestSandbox(options),
    (running) => running.forgetToken(),
  )
}
