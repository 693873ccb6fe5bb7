/**
 * What GET /admin/line-refunds/orders/:id answers (src/api/admin/line-refunds/orders/[id]/
 * order-refund-summary.ts). Amounts are decimal strings in the order's currency.
 */
export type RefundStatus = "in_doubt" | "pending" | "succeeded" | "failed" | "released"

export interface RefundSummary {
  order_id: string
  currency_code: string
  /** null when the order has no captured payment: nothing to refund */
  payment_id: string | null
  provider_id: string
  /** the gateway's name ("MultiSafepay"), or the provider id for providers outside the plugin */
  gateway: string
  items: Array<{
    line_item_id: string
    title: string
    ordered: number
    refunded: number
    in_doubt: number
    refundable: number
    unit_amount: string
  }>
  shipping: Array<{
    shipping_method_id: string
    name: string
    refunded: string
    refundable: string
  }>
  returns: Array<{
    id: string
    /** Medusa's own name for the return, "#A8PW92H" */
    label: string
    received_at: string | null
    lines: Array<{
      line_item_id: string
      title: string
      received: number
      refunded: number
      /** units of a refund whose outcome is unknown: held until the gateway has been asked */
      in_doubt: number
      to_refund: number
      amount_refunded: string
      amount_to_refund: string
    }>
    amount_to_refund: string | null
    amount_to_refund_with_shipping: string | null
    shipping_to_refund: Array<{ name: string; amount: string }>
  }>
  /** what Medusa's own Refund form does with the amount it pre-fills */
  stock_refund: {
    amount: string
    /** whether the order owes the customer (else the form pre-fills the whole payment) */
    owed: boolean
    kind: "lines" | "amount" | "refused"
    lines: Array<{ title: string; quantity: number; amount: string }>
    refused: string | null
  } | null
  refunds: Array<{
    id: string
    payment_id: string
    refund_id: string | null
    kind: "lines" | "amount"
    source: string
    status: RefundStatus
    amount: string
    gateway_amount: string | null
    gateway_reference: string | null
    failure_reason: string | null
    created_at: string
    status_changed_at: string
    return_ids: string[]
    return_labels: string[]
    lines: Array<{ kind: "item" | "shipping"; title: string; quantity: number; amount: string }>
  }>
}

export interface RefundPreview {
  payment_id: string
  currency_code: string
  amount: string
  lines: Array<{ title: string; quantity: number; amount: string }>
}
