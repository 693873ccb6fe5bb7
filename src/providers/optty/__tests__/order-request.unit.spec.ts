import fc from "fast-check"
import { buildCheckoutCart } from "../../../core/checkout-cart"
import { cartArbitrary } from "../../../core/checkout-cart/__tests__/cart-arbitrary"
import { toDecimal, toMinorUnits } from "../../../core/money"
import { buildOrderRequest, OrderRequestInput } from "../checkout/build-order-request"
import { A1_CART } from "../__fixtures__/order-a1"

const base: Omit<OrderRequestInput, "cart" | "amountMinor"> = {
  orderReference: "payses_01JTEST00000000000000000000",
  bnplProvider: "KLARNA_AU",
  currency: "AUD",
  locale: "en-AU",
  redirectUrl: "https://shop.example/checkout/optty/return",
  webhookUrl: "https://backend.example/hooks/payment/optty_optty",
}

const cents = (value: number) => Math.round(value * 100)

describe("Optty create-order body", () => {
  it("sends order A1 with ex-GST unit prices and totals that add up to the order amount", () => {
    const body = buildOrderRequest({ ...base, cart: A1_CART, amountMinor: 6000 })
    expect(body).toEqual({
      orderReference: "payses_01JTEST00000000000000000000",
      bnplProvider: "KLARNA_AU",
      purchaseCountry: "AU",
      purchaseCurrency: "AUD",
      locale: "en-AU",
      orderAmount: 60,
      orderItems: [
        { name: "T-shirt M", quantity: 1, sku: "TS-M", unitPrice: 22.73, totalAmount: 22.73 },
        { name: "Mug", quantity: 2, sku: "MUG", unitPrice: 11.36, totalAmount: 22.72 },
      ],
      // the real GST is 5.4545…: the tax line takes the cent lost to rounding the unit prices
      taxAmount: 5.46,
      shippingAmount: 9.09,
      discountAmount: 0,
      customer: {
        firstName: "Sam",
        lastName: "Citizen",
        email: "sam@example.com",
        phone: "+61 2 9999 0000",
      },
      billingAddress: {
        line1: "1 George St",
        city: "Sydney",
        postcode: "2000",
        state: "NSW",
        country: "AU",
      },
      shippingAddress: {
        line1: "1 George St",
        city: "Sydney",
        postcode: "2000",
        state: "NSW",
        country: "AU",
      },
      dynamicRedirectUrl: "https://shop.example/checkout/optty/return",
      dynamicCallbackUrl: "https://backend.example/hooks/payment/optty_optty",
    })
    expect(JSON.stringify(body.orderItems[1])).toBe(
      '{"name":"Mug","quantity":2,"sku":"MUG","unitPrice":11.36,"totalAmount":22.72}',
    )
  })

  it("refuses a payment amount that is not the cart's total (the cart changed)", () => {
    expect(() => buildOrderRequest({ ...base, cart: A1_CART, amountMinor: 5999 })).toThrow(
      /not the cart's total/,
    )
  })

  it("refuses a cart without the shopper's name or billing address, naming what is missing", () => {
    const cart = { ...A1_CART, customer: { ...A1_CART.customer!, city: null, last_name: null } }
    expect(() => buildOrderRequest({ ...base, cart, amountMinor: 6000 })).toThrow(
      "Optty needs the cart's billing address with last_name, city",
    )
  })

  it("puts rounding that went up into discountAmount rather than a negative tax", () => {
    // 3 × 0.335 ex tax at 0 %: unit prices round up to 0.34, the cart costs 1.01
    const cart = {
      ...A1_CART,
      total: "1.005",
      shipping: [],
      lines: [
        {
          ...A1_CART.lines[0],
          quantity: 3,
          unit_price_excl_tax: "0.335",
          unit_price_incl_tax: "0.335",
          tax_rate: "0",
          total: "1.005",
        },
      ],
    }
    const body = buildOrderRequest({ ...base, cart, amountMinor: 101 })
    expect(body).toMatchObject({
      orderAmount: 1.01,
      orderItems: [{ unitPrice: 0.34, totalAmount: 1.02, quantity: 3 }],
      taxAmount: 0,
      discountAmount: 0.01,
    })
  })

  it("adds up for 2,000 random GST carts: Σ totalAmount + shipping + tax − discount = orderAmount", () => {
    const carts = cartArbitrary({
      currency: "aud",
      rates: [10, 0],
      extra: { email: "sam@example.com", billing_address: { ...A1_CART.customer } },
    })
    fc.assert(
      fc.property(carts, (snapshot) => {
        const cart = buildCheckoutCart(snapshot)
        const amountMinor = toMinorUnits(cart.total, "AUD")
        const body = buildOrderRequest({ ...base, cart, amountMinor })
        const items = body.orderItems.reduce((sum, item) => {
          expect(cents(item.totalAmount)).toBe(cents(item.unitPrice) * item.quantity)
          return sum + cents(item.totalAmount)
        }, 0)
        expect(
          items + cents(body.shippingAmount) + cents(body.taxAmount) - cents(body.discountAmount),
        ).toBe(amountMinor)
        expect(cents(body.orderAmount)).toBe(amountMinor)
        for (const value of [body.taxAmount, body.shippingAmount, body.discountAmount]) {
          expect(value).toBeGreaterThanOrEqual(0)
          expect(toDecimal(value).decimalPlaces()).toBeLessThanOrEqual(2)
        }
        // the tax sent is the real tax within half a cent per unit sold
        const realTax = cart.lines
          .reduce(
            (sum, l) =>
              sum.plus(
                toDecimal(l.unit_price_incl_tax).minus(l.unit_price_excl_tax).times(l.quantity),
              ),
            toDecimal(0),
          )
          .plus(
            cart.shipping.reduce(
              (s, m) => s.plus(toDecimal(m.amount_incl_tax).minus(m.amount_excl_tax)),
              toDecimal(0),
            ),
          )
        const units = cart.lines.reduce((n, l) => n + l.quantity, 0) + cart.shipping.length
        const sentTax = toDecimal(body.taxAmount).minus(body.discountAmount)
        expect(sentTax.minus(realTax).abs().toNumber()).toBeLessThanOrEqual(0.005 * units + 0.01)
      }),
      { numRuns: 2000 },
    )
  })
})
