import { MedusaError } from "@medusajs/framework/utils"
import {
  RecordedRequest,
  ScriptedServer,
  startScriptedServer,
} from "../../../../integration-tests/test-support/scripted-server"
import { GatewayError, toMedusaError } from "../../../gateway-kit"
import { MultiSafepayClient } from "../api/multisafepay-client"
import { buildShoppingCart } from "../checkout/build-shopping-cart"
import { O1_CHECKOUT_CART } from "../__fixtures__/order-o1"

const KEY = "client-test-key-0123456789"
let server: ScriptedServer

/** MultiSafepay's error envelope (docs/gateways/multisafepay.md): `success: false` + code + info */
const mspError = (status: number, code: number, info: string) => ({
  status,
  json: { success: false, data: {}, error_code: code, error_info: info },
})

/** MultiSafepay refuses a wrong `api_key` header with 1032 before anything else */
const withKey =
  (answer: (request: RecordedRequest) => ReturnType<typeof mspError>) =>
  (request: RecordedRequest) =>
    request.headers["api_key"] === KEY ? answer(request) : mspError(401, 1032, "Invalid API key")

beforeAll(async () => {
  server = await startScriptedServer()
})
afterEach(() => server.reset())
afterAll(() => server.close())

const client = (apiKey = KEY) =>
  new MultiSafepayClient({ baseUrl: server.url, apiKey, timeoutMs: 2_000 })

async function failure(run: () => Promise<unknown>): Promise<GatewayError> {
  try {
    await run()
  } catch (error) {
    return error as GatewayError
  }
  throw new Error("expected a failure")
}

const refund = () =>
  client().refund("x", { currency: "EUR", amount: 100, description: "r", refund_order_id: "k" })

/** MultiSafepay's error envelopes, over real HTTP, as the provider turns them into MedusaErrors. */
describe("MultiSafepay client errors", () => {
  it("1006, an unknown order: not found, with MultiSafepay's words", async () => {
    server.on(
      "GET",
      "/orders/no-such-order",
      withKey(() => mspError(404, 1006, "Invalid transaction ID")),
    )
    const error = await failure(() => client().getOrder("no-such-order"))
    expect(error).toMatchObject({ kind: "not_found", details: { http_status: 404, code: "1006" } })
    const medusa = toMedusaError(error, "status check")
    expect(medusa.type).toBe(MedusaError.Types.NOT_FOUND)
    expect(medusa.message).toBe(
      "MultiSafepay does not know this payment, so the status check was not done. Check that the store is connected to the MultiSafepay account the payment was made with. (Invalid transaction ID, error 1006)",
    )
    expect(server.requests).toHaveLength(1) // a definite answer is not asked again
  })

  it("1032, a wrong API key: a configuration error that never shows the key", async () => {
    server.on(
      "GET",
      "/orders/x",
      withKey(() => mspError(404, 1006, "Invalid transaction ID")),
    )
    const error = await failure(() => client("wrong-key-0123456789").getOrder("x"))
    expect(error).toMatchObject({ kind: "auth", details: { code: "1032" } })
    const medusa = toMedusaError(error, "refund")
    // a setting to fix, answered 400: not a server fault
    expect(medusa.type).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(medusa.message).not.toContain("wrong-key")
    expect(medusa.message).not.toContain(KEY)
    // the key travels in the api_key header, never in the URL
    expect(server.requests[0]).toMatchObject({ url: "/orders/x" })
    expect(server.requests[0].headers["api_key"]).toBe("wrong-key-0123456789")
  })

  it("1027, a cart that does not add up: refused with both figures, as a 400-type error", async () => {
    const info =
      "Cart amount must equal order amount: cart total 95.00 EUR (9500 minor units) but amount is 9400 (94.00 EUR)"
    server.on(
      "POST",
      "/orders",
      withKey(() => mspError(400, 1027, info)),
    )
    const cart = buildShoppingCart(O1_CHECKOUT_CART, 9500)
    const error = await failure(() =>
      client().createOrder({
        type: "redirect",
        order_id: "c1027",
        gateway: "KLARNA",
        currency: "EUR",
        amount: 9400, // the cart is 95.00
        description: "Order c1027",
        payment_options: {
          notification_url: "http://127.0.0.1:1/hooks",
          notification_method: "POST",
          redirect_url: "http://127.0.0.1:1/ok",
          cancel_url: "http://127.0.0.1:1/cancel",
          close_window: false,
        },
        shopping_cart: { items: cart.items },
        checkout_options: { tax_tables: cart.tax_tables },
      }),
    )
    expect(error).toMatchObject({ kind: "rejected", details: { code: "1027" } })
    const medusa = toMedusaError(error, "payment creation")
    expect(medusa.type).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(medusa.message).toBe(
      `MultiSafepay refused the new payment, so no payment was created: ${info} (error 1027)`,
    )
    // what MultiSafepay was sent: the order and its cart, as JSON
    const sent = server.requests[0].json() as Record<string, any>
    expect(sent).toMatchObject({ order_id: "c1027", amount: 9400, gateway: "KLARNA" })
    expect(sent.shopping_cart.items).toEqual(JSON.parse(JSON.stringify(cart.items)))
  })

  it("an error envelope in an HTTP 200 is still an error", async () => {
    server.on("GET", "/orders/x", mspError(200, 1000, "Generic error"))
    const error = await failure(() => client().getOrder("x"))
    expect(error).toMatchObject({ kind: "rejected", message: "Generic error" })
  })

  it("a 5xx is ambiguous and a 429 is rate limited; neither is retried for POSTs", async () => {
    server.on(
      "POST",
      "/orders/x/refunds",
      mspError(503, 9999, "Service unavailable"),
      { ...mspError(429, 9999, "Too many requests"), headers: { "retry-after": "1" } },
      { json: { success: true, data: { refund_id: 1, transaction_id: 2 } } },
    )
    const unavailable = await failure(refund)
    expect(unavailable.kind).toBe("ambiguous")
    const limited = await failure(refund)
    expect(limited.kind).toBe("rate_limited")
    expect(server.requestsTo("POST", "/orders/x/refunds")).toHaveLength(2)
  })

  it("a refund answer with a null data still succeeds, with no ids", async () => {
    server.on("POST", "/orders/x/refunds", { json: { success: true, data: null } })
    await expect(refund()).resolves.toEqual({ refund_id: null, transaction_id: null })
  })
})
