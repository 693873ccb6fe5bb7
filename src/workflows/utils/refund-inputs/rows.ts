/**
 * The rows a refund's inputs are read into, whichever reader read them (read-by-sql.ts,
 * read-by-query.ts): a payment, its order's id, the order. Both readers give them the shape
 * Query gives them, fields with Medusa's names and every decimal beside its exact `raw_<field>`
 * twin, so the mapping into a refund context (steps/load-refund-context.ts) is one.
 */
export type Row = Record<string, any>

export interface PaymentRows {
  /** id, amount, raw_amount, currency_code, provider_id, data, payment_collection_id */
  payment: Row
  /** the payment's Medusa refunds (not deleted): id, amount, raw_amount */
  refunds: Row[]
  /** the payment's captures (not deleted): amount, raw_amount */
  captures: Row[]
  /** the order the payment's collection belongs to, none for a payment outside an order */
  order_id: string | null
}

/**
 * id, display_id, currency_code, summary (the totals of the order's current version), items,
 * shipping_methods (each with tax_lines and adjustments), returns (each with items).
 */
export type OrderRow = Row

export interface RefundInputsReader {
  payment(paymentId: string): Promise<PaymentRows | null>
  order(orderId: string): Promise<OrderRow | null>
}
