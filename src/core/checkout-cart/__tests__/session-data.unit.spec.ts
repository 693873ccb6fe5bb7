import {
  buildCheckoutCart,
  CHECKOUT_CART_KEY,
  readCheckoutCart,
  sessionDataWithCheckoutCart,
} from ".."
import { withMedusaTotal } from "./medusa-cart-total"

const cart = buildCheckoutCart(
  withMedusaTotal({
    id: "cart_1",
    currency_code: "eur",
    email: "sam@example.com",
    items: [
      {
        id: "cali_1",
        title: "Shirt",
        variant_id: "variant_1",
        quantity: 2,
        unit_price: "25",
        tax_lines: [{ rate: 21 }],
        adjustments: [{ amount: "5", code: "SUMMER" }],
      },
    ],
    shipping_methods: [
      { id: "casm_1", name: "Standard", amount: "4.95", tax_lines: [{ rate: 21 }] },
    ],
  }),
)

describe("checkout cart in session data", () => {
  it("replaces a client-sent cart with the server's, keeping the client's other data", () => {
    const forged = { cart_id: "cart_1", total: "0.01", lines: [] }
    expect(
      sessionDataWithCheckoutCart(
        { return_url: "https://shop/x", [CHECKOUT_CART_KEY]: forged },
        cart,
      ),
    ).toEqual({ return_url: "https://shop/x", [CHECKOUT_CART_KEY]: cart })
    expect(sessionDataWithCheckoutCart(undefined, cart)).toEqual({ [CHECKOUT_CART_KEY]: cart })
  })

  it("drops a client-sent cart even when there is no server cart", () => {
    expect(
      sessionDataWithCheckoutCart({ a: 1, [CHECKOUT_CART_KEY]: { total: "1" } }, null),
    ).toEqual({
      a: 1,
    })
    expect(sessionDataWithCheckoutCart({ [CHECKOUT_CART_KEY]: null }, null)).toEqual({})
    expect(sessionDataWithCheckoutCart(undefined, null)).toBeUndefined()
    expect(sessionDataWithCheckoutCart({ a: 1 }, null)).toEqual({ a: 1 })
  })

  it("reads the cart back from provider data, and refuses a malformed one", () => {
    const data = JSON.parse(JSON.stringify({ session_id: "payses_1", [CHECKOUT_CART_KEY]: cart }))
    expect(readCheckoutCart(data)).toEqual(cart)
    // the line's discounts survive the round trip (zod would drop an unknown key)
    expect(readCheckoutCart(data)?.lines[0].discounts).toEqual([
      { code: "SUMMER", amount_incl_tax: "6.05" },
    ])
    expect(readCheckoutCart({ session_id: "payses_1" })).toBeNull()
    expect(readCheckoutCart(undefined)).toBeNull()
    expect(() => readCheckoutCart({ [CHECKOUT_CART_KEY]: { ...cart, total: 60.5 } })).toThrow(
      /no valid checkout cart under "line_refunds_checkout_cart": total:/,
    )
  })
})
