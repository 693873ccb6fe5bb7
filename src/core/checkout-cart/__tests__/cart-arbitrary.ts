import fc from "fast-check"
import { CartSnapshot } from ".."
import { withMedusaTotal } from "./medusa-cart-total"

/**
 * Random Medusa carts for gateway property tests: 2-decimal prices including or excluding tax
 * at the given rates, line discounts, one shipping method at the first rate, Medusa's own total.
 */
export function cartArbitrary(options: {
  currency: string
  rates: number[]
  extra?: Partial<CartSnapshot>
}): fc.Arbitrary<CartSnapshot> {
  return fc
    .record({
      inclusive: fc.boolean(),
      lines: fc.array(
        fc.record({
          cents: fc.integer({ min: 1, max: 50_000 }),
          quantity: fc.integer({ min: 1, max: 12 }),
          rate: fc.constantFrom(...options.rates),
          discountCents: fc.integer({ min: 0, max: 2_000 }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      shippingCents: fc.integer({ min: 0, max: 2_500 }),
    })
    .map(({ inclusive, lines, shippingCents }) =>
      withMedusaTotal({
        id: "cart_p",
        currency_code: options.currency,
        ...options.extra,
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
            tax_lines: [{ rate: options.rates[0] }],
          },
        ],
      }),
    )
}
