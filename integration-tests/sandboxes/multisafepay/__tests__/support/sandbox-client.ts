/**
 * Test helpers: a started sandbox plus a tiny fetch client, and order O1
 * (docs/gateways/multisafepay.md#test-vectors) as a create-order body.
 */
import { useSandboxForFile } from "../../../kit/test-lifecycle"
import {
  MultiSafepaySandbox,
  MultiSafepaySandboxOptions,
  startMultiSafepaySandbox,
} from "../../start-sandbox"

export const API_KEY = "test-api-key-123"

export interface ApiAnswer {
  status: number
  body: any
}

export interface TestSandbox {
  sandbox: MultiSafepaySandbox
  api(method: string, path: string, body?: unknown, apiKey?: string | null): Promise<ApiAnswer>
  control(method: string, path: string, body?: unknown): Promise<ApiAnswer>
}

export async function startTestSandbox(
  options: Partial<MultiSafepaySandboxOptions> = {},
): Promise<TestSandbox> {
  const sandbox = await startMultiSafepaySandbox({
    apiKey: API_KEY,
    port: 0,
    // failed deliveries to the placeholder notification_url are expected in most tests
    log: () => undefined,
    ...options,
  })
  const call = async (
    url: string,
    method: string,
    headers: Record<string, string>,
    body: unknown,
  ) => {
    const response = await fetch(url, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, body: text === "" ? undefined : JSON.parse(text) }
  }
  return {
    sandbox,
    api: (method, path, body, apiKey = API_KEY) =>
      call(`${sandbox.url}${path}`, method, apiKey === null ? {} : { api_key: apiKey }, body),
    control: (method, path, body) => call(`${sandbox.origin}/_control/${path}`, method, {}, body),
  }
}

export const O1_TAX_TABLES = {
  default: { shipping_taxed: true, rate: 0.21 },
  alternate: [
    { name: "21", standalone: true, rules: [{ rate: 0.21 }] },
    { name: "9", standalone: true, rules: [{ rate: 0.09 }] },
    { name: "0", standalone: true, rules: [{ rate: 0 }] },
  ],
}

/** Base lines B of O1: items 81.24 + VAT 13.76 = 95.00. */
export const O1_ITEMS = [
  {
    name: "T-shirt M",
    description: "",
    unit_price: 24.7933884298,
    quantity: 2,
    merchant_item_id: "L1",
    tax_table_selector: "21",
  },
  {
    name: "Mug",
    description: "",
    unit_price: 9.1743119266,
    quantity: 3,
    merchant_item_id: "L2",
    tax_table_selector: "9",
  },
  {
    name: "Shipping",
    description: "",
    unit_price: 4.132231405,
    quantity: 1,
    merchant_item_id: "msp-shipping",
    tax_table_selector: "21",
  },
]

export function orderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "redirect",
    order_id: "ord-1",
    currency: "EUR",
    amount: 9500,
    description: "Order O1",
    payment_options: {
      notification_url: "http://127.0.0.1:9/hooks/msp",
      notification_method: "POST",
      redirect_url: "http://127.0.0.1:9/return",
      cancel_url: "http://127.0.0.1:9/cancel",
    },
    customer: { locale: "nl_NL", country: "NL", email: "a@example.com" },
    ...overrides,
  }
}

export function o1Body(orderId: string, gateway: string, overrides: Record<string, unknown> = {}) {
  return orderBody({
    order_id: orderId,
    gateway,
    shopping_cart: { items: O1_ITEMS },
    checkout_options: { tax_tables: O1_TAX_TABLES },
    ...overrides,
  })
}

/** Creates the order and pays it through the control API; returns the GET data. */
export async function createPaidOrder(
  t: TestSandbox,
  body: Record<string, unknown>,
  gateway?: string,
) {
  const created = await t.api("POST", "orders", body)
  if (created.status !== 200) throw new Error(`create failed: ${JSON.stringify(created.body)}`)
  t.sandbox.control.pay(String(body.order_id), gateway ? { gateway } : {})
  return (await t.api("GET", `orders/${body.order_id}`)).body.data
}

/** checkout_data.items = the order's current cart (as GET returns it) plus refund lines. */
export async function currentCart(t: TestSandbox, orderId: string): Promise<any[]> {
  const order = await t.api("GET", `orders/${orderId}`)
  return order.body.data.shopping_cart.items
}

/** One sandbox for a test file, reset (notifications off) before each test. */
export function useTestSandbox(options: Partial<MultiSafepaySandboxOptions> = {}): TestSandbox {
  return useSandboxForFile(() => startTestSandbox(options))
}
