import fc from "fast-check"
import { buildCheckoutCart } from "../../../core/checkout-cart"
import { cartArbitrary as dutchCarts } from "../../../core/checkout-cart/__tests__/cart-arbitrary"
import { toMinorUnits } from "../../../core/money"
import { buildShoppingCart } from "../checkout/build-shopping-cart"

const RUNS = Number(process.env.MSP_CART_PROPERTY_RUNS ?? 2000)

/** Dutch-shop carts: 2-decimal prices, incl. or excl. 21/9/0 % VAT, line discounts, shipping. */
const cartArbitrary = dutchCarts({ currency: "eur", rates: [21, 9, 0] })

describe("MultiSafepay shopping carts of random Medusa carts", () => {
  it("total to the payment amount under MultiSafepay's rounding rule (10-decimal ex-VAT prices)", () => {
    fc.assert(
      fc.property(cartArbitrary, (snapshot) => {
        const cart = buildCheckoutCart(snapshot)
        // throws when MultiSafepay's rule would total the cart differently (error 1027)
        const built = buildShoppingCart(cart, toMinorUnits(cart.total, "eur"))
        const ids = built.items.map((i) => i.merchant_item_id)
        return new Set(ids).size === ids.length && ids.every((id) => id.length <= 24)
      }),
      { numRuns: RUNS },
    )
  })
})
