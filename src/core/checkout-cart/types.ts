/**
 * The cart a payment is for, in a gateway-neutral form, computed server-side from Medusa's cart
 * (never taken from the client) and handed to `initiatePayment` through the session data under
 * `CHECKOUT_CART_KEY`. Gateways that need the cart at payment time (MultiSafepay pay-later,
 * Smartpay) map it into their own line format.
 */
export const CHECKOUT_CART_KEY = "line_refunds_checkout_cart"

export interface CheckoutCartLine {
  /** the cart line item id (`cali_…`); order lines get new ids, see `matchPlanLines` */
  line_item_id: string
  variant_id: string | null
  product_id: string | null
  sku: string | null
  title: string
  /** position in the cart, from 0: order lines keep the cart's line order */
  position: number
  quantity: number
  /**
   * Per unit, excluding tax, after this line's discounts, at full precision (decimal string,
   * major units). Discounts are folded into the price so a gateway never needs a discount line.
   */
  unit_price_excl_tax: string
  /** per unit including tax, after discounts, full precision */
  unit_price_incl_tax: string
  /** sum of the line's tax rates in percent, e.g. "21" */
  tax_rate: string
  /** what Medusa charges for the whole line, tax included, full precision */
  total: string
  /**
   * The line's discounts (Medusa's line item adjustments), per promotion code in the order the
   * codes first appear, each for the whole quantity, tax included, full precision (decimal
   * strings, major units, positive). `total` + Σ `amount_incl_tax` is the line before discounts.
   * Omitted when the line has no adjustments (and in carts stored before this field existed):
   * gateways that fold discounts into prices ignore it.
   */
  discounts?: CheckoutCartDiscount[]
}

export interface CheckoutCartDiscount {
  /** the promotion code of the adjustment, null when Medusa gives none */
  code: string | null
  /** what the discount takes off the line, tax included, full precision */
  amount_incl_tax: string
}

export interface CheckoutCartShipping {
  shipping_method_id: string
  name: string
  position: number
  /** after discounts, full precision */
  amount_excl_tax: string
  amount_incl_tax: string
  tax_rate: string
  total: string
}

export interface CheckoutCart {
  cart_id: string
  currency_code: string
  /** what Medusa charges (the payment session amount), full precision, major units */
  total: string
  lines: CheckoutCartLine[]
  shipping: CheckoutCartShipping[]
  /** the billing address (else the shipping address) with the cart's email */
  customer: CheckoutCustomer | null
  /**
   * The shipping address with the cart's email, null when the cart has none. Optional: added
   * after the first version of this contract; pay-later gateways want billing and delivery apart.
   */
  delivery?: CheckoutCustomer | null
}

export interface CheckoutCustomer {
  email: string | null
  first_name: string | null
  last_name: string | null
  phone: string | null
  address_1: string | null
  address_2: string | null
  postal_code: string | null
  city: string | null
  country_code: string | null
  province: string | null
  company: string | null
}
