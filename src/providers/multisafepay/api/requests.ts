/**
 * Request bodies we send to MultiSafepay (docs/gateways/multisafepay.md#refund-by-amount,
 * docs/gateways/multisafepay.md#refund-by-shopping-cart,
 * docs/gateways/multisafepay.md#checkout-cart-and-tax-tables).
 */

export interface MspItem {
  name: string
  description: string
  /** major units excluding VAT, up to 10 decimals; negative for refund lines */
  unit_price: number
  quantity: number
  merchant_item_id: string
  tax_table_selector: string
}

export interface MspTaxTable {
  name: string
  standalone: boolean
  rules: Array<{ rate: number }>
}

export interface CreateOrderRequest {
  type: "redirect"
  order_id: string
  gateway?: string
  currency: string
  /** integer minor units */
  amount: number
  description: string
  payment_options: {
    notification_url: string
    notification_method: "POST"
    redirect_url: string
    cancel_url: string
    close_window: boolean
  }
  customer?: Record<string, string>
  delivery?: Record<string, string>
  shopping_cart?: { items: MspItem[] }
  checkout_options?: {
    tax_tables: { default: { shipping_taxed: boolean; rate: number }; alternate: MspTaxTable[] }
  }
  capture?: "manual"
  days_active?: number
  var1?: string
}

export interface AmountRefundRequest {
  currency: string
  /** integer minor units, never 0: 0 means "refund everything" to MultiSafepay */
  amount: number
  description: string
  refund_order_id: string
}

/**
 * A cart refund: never an `amount` next to `checkout_data`
 * (docs/gateways/multisafepay.md#refund-by-shopping-cart).
 */
export interface CartRefundRequest {
  checkout_data: { items: MspItem[] }
  description: string
  refund_order_id: string
}

export type RefundRequest = AmountRefundRequest | CartRefundRequest
