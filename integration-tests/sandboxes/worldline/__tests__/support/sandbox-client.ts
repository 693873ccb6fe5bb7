/**
 * Test helpers: a started sandbox (keys made at run time) and a small fetch client that fetches
 * and caches one token per scope, as the provider does, plus order bodies and shortcuts.
 * Order W1: 61.05 EUR = shirt 25.00 + trousers 31.10 + shipping 4.95.
 */
import { testCall, type TestAnswer } from "../../../kit/test-call"
import { useSandboxForFile } from "../../../kit/test-lifecycle"
import {
  JWT_BEARER,
  scopeFor,
  startWorldlineSandbox,
  type WorldlineSandbox,
  type WorldlineSandboxOptions,
} from "../../start-sandbox"
import { makeKeyPair, signAssertion, type AssertionOptions } from "./jwt"

export const MID = "1570616552"
export const APP = "application-1"
export const ISS = `${APP}@${MID}`
export const KEY = makeKeyPair()
export const SECOND_KEY = makeKeyPair()

export type Answer = TestAnswer

export interface CallOptions {
  /** a token instead of the cached one; null sends none */
  token?: string | null
}

export interface TestSandbox {
  sandbox: WorldlineSandbox
  prefix: string
  /** POST {prefix}/oauth2/tokens with these form fields */
  tokenRequest(fields: Record<string, string>): Promise<Answer>
  /** a signed assertion for the scope (defaults: KEY, now on the sandbox clock) */
  assertion(scope: string, options?: Partial<AssertionOptions>): string
  freshToken(scope: string): Promise<string>
  /** an order call: path below /merchants/{mid}/orders, e.g. "/o1/refunds" */
  api(method: string, orderPath: string, body?: unknown, options?: CallOptions): Promise<Answer>
  control(method: string, path: string, body?: unknown): Promise<Answer>
  forgetTokens(): void
}

export const call = testCall

/** The scope a call needs: method + /v2/merchants/<mid>/orders/{orderId}[/action]. */
export function scopeOfCall(method: string, orderPath: string, mid = MID): string {
  const action = orderPath.split("/").filter(Boolean)[1]
  return scopeFor(method, mid, action ? (`/${action}` as "/refunds") : "")
}

export async function startTestSandbox(
  options: Partial<WorldlineSandboxOptions> = {},
): Promise<TestSandbox> {
  const sandbox = await startWorldlineSandbox({
    merchantId: MID,
    applicationId: APP,
    publicKeys: [KEY.publicPem, SECOND_KEY.publicPem],
    webhookRetryDelaysMs: [20, 20],
    log: () => undefined,
    ...options,
  })
  const prefix = options.apiPathPrefix ?? "/api/v2"
  const cached = new Map<string, string>()
  const tokenRequest = (fields: Record<string, string>) =>
    call(`${sandbox.apiUrl}${prefix}/oauth2/tokens`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    })
  const assertion = (scope: string, extra: Partial<AssertionOptions> = {}) =>
    signAssertion({
      privateKey: KEY.privateKey,
      iss: ISS,
      scope,
      nowSeconds: Math.floor(sandbox.control.now().getTime() / 1000),
      ...extra,
    })
  const freshToken = async (scope: string) => {
    const answer = await tokenRequest({ grant_type: JWT_BEARER, assertion: assertion(scope) })
    if (answer.status !== 200) throw new Error(`token failed: ${answer.text}`)
    return answer.body.access_token as string
  }
  const api = async (
    method: string,
    orderPath: string,
    body?: unknown,
    options: CallOptions = {},
  ) => {
    let token = options.token
    if (token === undefined) {
      const scope = scopeOfCall(method, orderPath)
      token = cached.get(scope) ?? (await freshToken(scope))
      cached.set(scope, token)
    }
    const headers: Record<string, string> = {}
    if (token !== null) headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers["content-type"] = "application/json"
    return call(`${sandbox.apiUrl}${prefix}/merchants/${MID}/orders${orderPath}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    })
  }
  return {
    sandbox,
    prefix,
    tokenRequest,
    assertion,
    freshToken,
    api,
    control: (method, path, body) =>
      call(`${sandbox.origin}/_control/${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    forgetTokens: () => cached.clear(),
  }
}

/** One sandbox per test file, reset (notifications off, tokens forgotten) before each test. */
export function useTestSandbox(options: Partial<WorldlineSandboxOptions> = {}): TestSandbox {
  return useSandboxForFile(
    () => startTestSandbox(options),
    (running) => running.forgetTokens(),
  )
}

export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amount: { amount: 61.05, currency: "EUR" },
    transactionChannel: "Web Online",
    paymentMethodId: 1000,
    autoCapture: false,
    returnUrl: "https://shop.example/checkout/worldline/return",
    orderDescription: "Order at the test store",
    lineItems: [
      {
        sku: "SHIRT-M",
        description: "Shirt",
        quantity: 1,
        unitAmount: 25.0,
        totalAmount: 25.0,
        taxRate: 21,
      },
      {
        sku: "TR-32",
        description: "Trousers",
        quantity: 2,
        unitAmount: 15.55,
        totalAmount: 31.1,
        taxRate: 21,
      },
      {
        sku: "shipping",
        description: "Shipping: Standard",
        quantity: 1,
        unitAmount: 4.95,
        totalAmount: 4.95,
        taxRate: 21,
      },
    ],
    ...overrides,
  }
}

export async function createOrder(
  t: TestSandbox,
  orderId: string,
  overrides: Record<string, unknown> = {},
): Promise<Answer> {
  const created = await t.api("POST", `/${orderId}`, orderBody(overrides))
  if (created.status !== 201) throw new Error(`create failed: ${created.text}`)
  return created
}

/** Created, paid and captured: in full (default), in the given parts, or not at all ([]). */
export async function paidOrder(
  t: TestSandbox,
  orderId: string,
  options: { captures?: number[]; overrides?: Record<string, unknown> } = {},
): Promise<void> {
  await createOrder(t, orderId, options.overrides)
  t.sandbox.control.pay(orderId)
  const parts = options.captures ?? [null]
  for (const [index, amount] of parts.entries()) {
    const captured = await t.api("POST", `/${orderId}/captures`, {
      requestId: `cap-${orderId}-${index}`,
      ...(amount === null ? {} : { amount: { amount, currency: "EUR" } }),
    })
    if (captured.status !== 201) throw new Error(`capture failed: ${captured.text}`)
  }
}

export const refundBody = (
  requestId: string,
  amount: number,
  extra: Record<string, unknown> = {},
) => ({
  requestId,
  amount: { amount, currency: "EUR" },
  ...extra,
})
