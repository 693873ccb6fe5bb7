import { OrderSnapshot } from "../../../core/refund-plan"
import { refundIntentFor } from "../../../core/provider-refunds/__fixtures__/refund-intent"

/** The order Medusa made of the fixture cart (new line ids, same variants and order of lines). */
export function jpyOrder(overrides: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return {
    id: "order_01JP",
    display_id: 12,
    currency_code: "jpy",
    items: [
      {
        id: "ordli_shirt",
        title: "Shirt",
        variant_id: "variant_shirt",
        product_id: "prod_shirt",
        quantity: 2,
        unit_price: 3300,
        is_tax_inclusive: true,
        tax_lines: [{ rate: 10 }],
        adjustments: [{ amount: 500, is_tax_inclusive: true }],
      },
      {
        id: "ordli_mug",
        title: "Mug",
        variant_id: "variant_mug",
        product_id: "prod_mug",
        quantity: 1,
        unit_price: 1980,
        is_tax_inclusive: true,
        tax_lines: [{ rate: 10 }],
      },
    ],
    shipping_methods: [
      {
        id: "ordsm_1",
        name: "Yamato",
        amount: 770,
        is_tax_inclusive: true,
        tax_lines: [{ rate: 10 }],
      },
    ],
    ...overrides,
  }
}

/** Staff refund return #12's units (and the shipping when asked). */
export const returnIntent = (returned: Record<string, number>, shipping = false) =>
  refundIntentFor(jpyOrder(), returned, { shipping, returnDisplayId: 12, scope: "order_test_x" })
