import { buildCheckoutCart, CartSnapshot, CheckoutCart } from "../../../core/checkout-cart"
import { withMedusaTotal } from "../../../core/checkout-cart/__tests__/medusa-cart-total"

export const SESSION_ID = "payses_01JSMARTPAY0000000000000001"

const ADDRESS = {
  first_name: "Hanako",
  last_name: "Yamada",
  phone: "+81312345678",
  address_1: "1-2-3 Shibuya",
  address_2: "Room 101",
  postal_code: "150-0002",
  city: "Shibuya-ku",
  country_code: "jp",
  province: "Tokyo",
}

/**
 * A Japanese shop's cart, prices including 10 % consumption tax, in Medusa's own terms: a shirt
 * (2 × 3,300 with a 500 yen discount on the line, promotion SHIRT500), a mug (1,980) and shipping at 770.
 */
export function jpySnapshot(overrides: Partial<CartSnapshot> = {}): CartSnapshot {
  return withMedusaTotal({
    id: "cart_jp1",
    currency_code: "jpy",
    email: "hanako@example.jp",
    items: [
      {
        id: "cali_shirt",
        title: "Shirt",
        variant_id: "variant_shirt",
        product_id: "prod_shirt",
        variant_sku: "SHIRT-M",
        quantity: 2,
        unit_price: 3300,
        is_tax_inclusive: true,
        tax_lines: [{ rate: 10 }],
        adjustments: [{ amount: 500, is_tax_inclusive: true, code: "SHIRT500" }],
      },
      {
        id: "cali_mug",
        title: "Mug",
        variant_id: "variant_mug",
        product_id: "prod_mug",
        variant_sku: "MUG",
        quantity: 1,
        unit_price: 1980,
        is_tax_inclusive: true,
        tax_lines: [{ rate: 10 }],
      },
    ],
    shipping_methods: [
      {
        id: "casm_1",
        name: "Yamato",
        amount: 770,
        is_tax_inclusive: true,
        tax_lines: [{ rate: 10 }],
      },
    ],
    billing_address: ADDRESS,
    shipping_address: ADDRESS,
    ...overrides,
  })
}

export function jpyCart(overrides: Partial<CartSnapshot> = {}): CheckoutCart {
  return buildCheckoutCart(jpySnapshot(overrides))
}
