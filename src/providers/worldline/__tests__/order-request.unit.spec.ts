import { CheckoutCart } from "../../../core/checkout-cart"
import { buildOrderRequest } from "../checkout/build-order-request"
import { captureRequestId, cancelRequestId } from "../payments/capture-cancel"
import { chooseWorldlineMethod, orderIdFor } from "../payments/create-order"

const line = (id: string, qty: number, unit: string, total: string, sku: string | null = null) => ({
  line_item_id: id,
  variant_id: `variant_${id}`,
  product_id: null,
  sku,
  title: id,
  position: Number(id.slice(-1)),
  quantity: qty,
  unit_price_excl_tax: unit,
  unit_price_incl_tax: unit,
  tax_rate: "21",
  total,
})

const CART: CheckoutCart = {
  cart_id: "cart_01",
  currency_code: "eur",
  total: "61.05",
  lines: [line("shirt1", 1, "25", "25", "SHIRT-M"), line("mug2", 3, "10.3666666", "31.0999998")],
  shipping: [
    {
      shipping_method_id: "sm_1",
      name: "Standard",
      position: 0,
      amount_excl_tax: "4.09",
      amount_incl_tax: "4.95",
      tax_rate: "21",
      total: "4.95",
    },
  ],
  customer: null,
}

const build = (cart: CheckoutCart, amountMinor = 6105) =>
  buildOrderRequest({
    currency: "EUR",
    amountMinor,
    cart,
    paymentMethodId: 1000,
    autoCapture: false,
    returnUrl: "https://shop.example/checkout/worldline/return",
    descriptionPrefix: "Order at Acme",
  })

describe("Worldline order body", () => {
  it("sends lines and shipping whose totals add up to the amount, amounts as exact literals", () => {
    const { body, jsonText } = build(CART)
    expect(body.lineItems.map((l) => [l.sku, l.totalAmount.text])).toEqual([
      ["SHIRT-M", "25.00"],
      ["variant_mug2", "31.10"],
      ["shipping", "4.95"],
    ])
    expect(jsonText).toContain('"amount":{"amount":61.05,"currency":"EUR"}')
    expect(jsonText).toContain('"unitAmount":25.00,"totalAmount":25.00,"taxRate":21')
    expect(JSON.parse(jsonText)).toMatchObject({
      transactionChannel: "Web Online",
      paymentMethodId: 1000,
      autoCapture: false,
      orderDescription: "Order at Acme (cart cart_01)",
    })
  })

  it("closes rounding gaps over the lines, and refuses a cart that is not the payment's", () => {
    const thirds = {
      ...CART,
      total: "10",
      lines: [
        line("a1", 1, "3.333333", "3.333333"),
        line("b2", 1, "3.333333", "3.333333"),
        line("c3", 1, "3.333334", "3.333334"),
      ],
      shipping: [],
    }
    const sum = build(thirds, 1000).body.lineItems.reduce(
      (s, l) => s + Math.round(Number(l.totalAmount.text) * 100),
      0,
    )
    expect(sum).toBe(1000)
    expect(() => build(CART, 6000)).toThrow(/not the cart's total/)
    expect(() => build({ ...CART, lines: [line("shirt1", 1, "25", "25")] })).toThrow(/add up to/)
  })
})

describe("Worldline order ids, methods and request ids", () => {
  it("numbers later orders of a session, and never makes an id Worldline cannot take", () => {
    expect(orderIdFor("payses_1", 1)).toBe("payses_1")
    expect(orderIdFor("payses_1", 3)).toBe("payses_1-3")
    expect(() => orderIdFor("x".repeat(49), 2)).toThrow(/cannot be a Worldline order id/)
  })

  it("lets the storefront pick an allowed method only", () => {
    const config = { paymentMethodId: 1000, allowedPaymentMethodIds: [1000, 7000] }
    expect(chooseWorldlineMethod(undefined, config)).toBe(1000)
    expect(chooseWorldlineMethod("7000", config)).toBe(7000)
    expect(() => chooseWorldlineMethod(8000, config)).toThrow(/not offered/)
    expect(() => chooseWorldlineMethod(7000, { paymentMethodId: 1000 })).toThrow(/not offered/)
  })

  it("derives capture and cancel request ids stably", () => {
    expect(captureRequestId("o1", 0, null)).toBe(captureRequestId("o1", 0, null))
    expect(captureRequestId("o1", 0, 500)).not.toBe(captureRequestId("o1", 500, 500))
    expect(captureRequestId("o1", 0, null)).toMatch(/^cap_[0-9a-f]{36}$/)
    expect(cancelRequestId("o1")).toBe(cancelRequestId("o1"))
  })
})
