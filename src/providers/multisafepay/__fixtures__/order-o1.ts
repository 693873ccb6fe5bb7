import { CheckoutCart } from "../../../core/checkout-cart"
import { MspOrder } from "../api/schemas"

/**
 * Order O1 of docs/gateways/multisafepay.md#test-vectors (EUR 95.00): 2× T-shirt M at 30.00 gross
 * (21 %), 3× Mug at 10.00 gross (9 %), shipping 5.00 gross (21 %); tables "21", "9" and the "0"
 * table every order carries.
 */
export const O1_CHECKOUT_CART: CheckoutCart = {
  cart_id: "cart_o1",
  currency_code: "eur",
  total: "95",
  customer: null,
  lines: [
    {
      line_item_id: "cali_shirt",
      variant_id: "variant_shirt_m",
      product_id: "prod_shirt",
      sku: "L1",
      title: "T-shirt M",
      position: 0,
      quantity: 2,
      unit_price_excl_tax: "24.79338842975206611570",
      unit_price_incl_tax: "30",
      tax_rate: "21",
      total: "60",
    },
    {
      line_item_id: "cali_mug",
      variant_id: "variant_mug",
      product_id: "prod_mug",
      sku: "L2",
      title: "Mug",
      position: 1,
      quantity: 3,
      unit_price_excl_tax: "9.17431192660550458716",
      unit_price_incl_tax: "10",
      tax_rate: "9",
      total: "30",
    },
  ],
  shipping: [
    {
      shipping_method_id: "casm_std",
      name: "Standard",
      position: 0,
      amount_excl_tax: "4.13223140495867768595",
      amount_incl_tax: "5",
      tax_rate: "21",
      total: "5",
    },
  ],
}

const item = (
  merchant_item_id: string,
  name: string,
  unit_price: string,
  quantity: number,
  tax_table_selector: string,
) => ({ merchant_item_id, name, description: "", unit_price, quantity, tax_table_selector })

/** O1 as GET /orders/{id} returns it: string prices with 10 decimals, no tax_tables wrapper. */
export function o1Order(overrides: Partial<MspOrder> = {}): MspOrder {
  return {
    order_id: "payses_o1",
    transaction_id: "4011223344",
    status: "completed",
    financial_status: "completed",
    currency: "EUR",
    amount: 9500,
    amount_refunded: 0,
    payment_details: { type: "KLARNA" },
    shopping_cart: {
      items: [
        item("L1", "T-shirt M", "24.7933884298", 2, "21"),
        item("L2", "Mug", "9.1743119266", 3, "9"),
        item("msp-shipping", "Standard", "4.1322314050", 1, "21"),
      ],
    },
    checkout_options: {
      alternate: [
        { name: "0", rules: [{ rate: "0" }] },
        { name: "9", rules: [{ rate: "0.09" }] },
        { name: "21", rules: [{ rate: "0.21" }] },
      ],
    },
    related_transactions: [],
    ...overrides,
  } as MspOrder
}
