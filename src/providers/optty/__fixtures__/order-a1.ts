import { CheckoutCart } from "../../../core/checkout-cart"
import { OrderSnapshot } from "../../../core/refund-plan"

/**
 * Order A1 of an Australian shop: prices include 10 % GST. T-shirt M 25.00, 2× Mug 12.50,
 * shipping 10.00: AUD 60.00. The same order as the checkout cart the provider receives.
 */
export const A1_ORDER: OrderSnapshot = {
  id: "order_a1",
  display_id: 1001,
  currency_code: "aud",
  items: [
    {
      id: "ordli_shirt",
      title: "T-shirt M",
      variant_id: "variant_shirt_m",
      variant_sku: "TS-M",
      quantity: 1,
      unit_price: "25",
      is_tax_inclusive: true,
      tax_lines: [{ rate: 10 }],
    },
    {
      id: "ordli_mug",
      title: "Mug",
      variant_id: "variant_mug",
      variant_sku: "MUG",
      quantity: 2,
      unit_price: "12.5",
      is_tax_inclusive: true,
      tax_lines: [{ rate: 10 }],
    },
  ],
  shipping_methods: [
    {
      id: "ordsm_std",
      name: "Standard",
      amount: "10",
      is_tax_inclusive: true,
      tax_lines: [{ rate: 10 }],
    },
  ],
}

const shopper = {
  email: "sam@example.com",
  first_name: "Sam",
  last_name: "Citizen",
  phone: "+61 2 9999 0000",
  address_1: "1 George St",
  address_2: null,
  postal_code: "2000",
  city: "Sydney",
  country_code: "au",
  province: "NSW",
  company: null,
}

export const A1_CART: CheckoutCart = {
  cart_id: "cart_a1",
  currency_code: "aud",
  total: "60",
  lines: [
    {
      line_item_id: "cali_shirt",
      variant_id: "variant_shirt_m",
      product_id: "prod_shirt",
      sku: "TS-M",
      title: "T-shirt M",
      position: 0,
      quantity: 1,
      unit_price_excl_tax: "22.727272727272727273",
      unit_price_incl_tax: "25",
      tax_rate: "10",
      total: "25",
    },
    {
      line_item_id: "cali_mug",
      variant_id: "variant_mug",
      product_id: "prod_mug",
      sku: "MUG",
      title: "Mug",
      position: 1,
      quantity: 2,
      unit_price_excl_tax: "11.363636363636363636",
      unit_price_incl_tax: "12.5",
      tax_rate: "10",
      total: "25",
    },
  ],
  shipping: [
    {
      shipping_method_id: "casm_std",
      name: "Standard",
      position: 0,
      amount_excl_tax: "9.090909090909090909",
      amount_incl_tax: "10",
      tax_rate: "10",
      total: "10",
    },
  ],
  customer: shopper,
  delivery: shopper,
}
