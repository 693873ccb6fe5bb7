import fc from "fast-check"
import { buildCheckoutCart } from "../../../core/checkout-cart"
import { withMedusaTotal } from "../../../core/checkout-cart/__tests__/medusa-cart-total"
import { toMinorUnits } from "../../../core/money"
import { buildShoppingCart } from "../checkout/build-shopping-cart"

const RUNS = Number(process.env.MSP_CART_PROPERTY_RUNS ?? 2000)

/** Dutch-shop carts: 2-decimal prices, incl. or excl. 21/9/0 % VAT, line discounts, shipping. */
const cartArbitrary = fc
  .record({
    inclusive: fc.boolean(),
    lines: fc.array(
      fc.record({
        cents: fc.integer({ min: 1, max: 50_000 }),
        quantity: fc.integer({ min: 1, max: 12 }),
        rate: fc.constantFrom(21, 9, 0),
        discountCents: fc.integer({ min: 0, max: 2_000 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    shippingCents: fc.integer({ min: 0, max: 2_500 }),
  })
  .map(({ inclusive, lines, shippingCents }) =>
    withMedusaTotal({
      id: "cart_p",
      currency_code: "eur",
      items: lines.map((line, index) => ({
        id: `cali_${index}`,
        title: `Line ${index}`,
        variant_id: `variant_${index}`,
        quantity: line.quantity,
        unit_price: (line.cents / 100).toFixed(2),
        is_tax_inclusive: inclusive,
        tax_lines: [{ rate: line.rate }],
        adjustments:
          line.discountCents > 0 && line.discountCents < line.cents * line.quantity
            ? [{ amount: (line.discountCents / 100).toFixed(2), is_tax_inclusive: inclusive }]
            : [],
      })),
      shipping_methods: [
        {
          id: "casm_1",
          name: "Standard",
          amount: (shippingCents / 100).toFixed(2),
          is_tax_inclusive: inclusive,
          tax_lines: [{ rate: 21 }],
        },
      ],
    }),
  )

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
