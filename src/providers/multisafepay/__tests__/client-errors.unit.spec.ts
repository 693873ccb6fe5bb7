import { MedusaError } from "@medusajs/framework/utils"
import {
  MultiSafepaySandbox,
  startMultiSafepaySandbox,
} from "../../../../integration-tests/sandboxes/multisafepay/start-sandbox"
import { GatewayError, toMedusaError } from "../../../gateway-kit"
import { MultiSafepayClient } from "../api/multisafepay-client"
import { buildShoppingCart } from "../checkout/build-shopping-cart"
import { O1_CHECKOUT_CART } from "../__fixtures__/order-o1"

const KEY = "client-test-key-0123456789"
let sandbox: MultiSafepaySandbox

beforeAll(async () => {
  sandbox = await startMultiSafepaySandbox({ apiKey: KEY, port: 0, log: () => undefined })
})
afterAll(() => sandbox.close())

const client = (apiKey = KEY) =>
  new MultiSafepayClient({ baseUrl: sandbox.url, apiKey, timeoutMs: 2_000 })

async function failure(run: () => Promise<unknown>): Promise<GatewayError> {
  try {
    await run()
  } catch (error) {
    return error as GatewayError
  }
  throw new Error("expected a failure")
}

/** MultiSafepay's error envelopes, over real HTTP, as the provider turns them into MedusaErrors. */
describe("MultiSafepay client errors", () => {
  it("1006, an unknown order: not found, with MultiSafepay's words", async () => {
    const error = await failure(() => client().getOrder("no-such-order"))
    expect(error).toMatchObject({ kind: "not_found", details: { http_status: 404, code: "1006" } })
    const medusa = toMedusaError(error, "status check")
    expect(medusa.type).toBe(MedusaError.Types.NOT_FOUND)
    expect(medusa.message).toMatch(/^MultiSafepay status check failed: .+ \(error 1006\)$/)
  })

  it("1032, a wrong API key: a configuration error that never shows the key", async () => {
    const error = await failure(() => client("wrong-key-0123456789").getOrder("x"))
    expect(error).toMatchObject({ kind: "auth", details: { code: "1032" } })
    const medusa = toMedusaError(error, "refund")
    expect(medusa.type).toBe(MedusaError.Types.UNEXPECTED_STATE)
    expect(medusa.message).not.toContain("wrong-key")
    expect(medusa.message).not.toContain(KEY)
  })

  it("1027, a cart that does not add up: refused with both figures, as a 400-type error", async () => {
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
    expect(medusa.message).toContain("(error 1027)")
  })

  it("a 5xx is ambiguous and a 429 is rate limited; neither is retried for POSTs", async () => {
    sandbox.control.failNext({ method: "POST", path: "/refunds", kind: "status_503" })
    const unavailable = await failure(() =>
      client().refund("x", {
        currency: "EUR",
        amount: 100,
        description: "r",
        refund_order_id: "k",
      }),
    )
    expect(unavailable.kind).toBe("ambiguous")
    sandbox.control.failNext({ method: "POST", path: "/refunds", kind: "status_429" })
    const limited = await failure(() =>
      client().refund("x", {
        currency: "EUR",
        amount: 100,
        description: "r",
        refund_order_id: "k",
      }),
    )
    expect(limited.kind).toBe("rate_limited")
    expect(sandbox.control.requests().filter((r) => r.path.endsWith("/refunds"))).toHaveLength(2)
  })
})
