/**
 * The sandbox's internal order record. Kept apart from the JSON MultiSafepay returns
 * (render-order.ts) so rules work on exact values (bigint prices, resolved tax rates) and the
 * rendered shape can follow the gateway's quirks (string prices, unwrapped tax tables).
 */

/** Unit prices are fixed-point at 10 decimals, the precision MultiSafepay accepts. */
export const UNIT_PRICE_SCALE = 10
/** Tax rates are fractions with at most 2 decimals ("#.##", e.g. 0.21). */
export const RATE_SCALE = 2

export interface CartItem {
  name: string
  description: string
  unitPrice: bigint
  quantity: number
  /** as sent (string or number); rules compare it as a string */
  merchantItemId: string | number
  /** null = no selector = the default tax table */
  taxTableSelector: string | null
  /** the rate this line is taxed at, resolved once when the line was accepted */
  rate: bigint
  /** set on lines a refund added to the cart (so a failed/voided refund can take them out) */
  refundId: number | null
  /** any other fields the merchant sent (weight, currency, product_url...), echoed back by GET */
  extra: Record<string, unknown>
}

export interface TaxTables {
  /** null when the order has no default table */
  defaultRate: bigint | null
  shippingTaxed: boolean
  /** alternate table name → the rate that applies to this order's country */
  alternates: Map<string, bigint>
}

/** "initialized" = created, "reserved" = accepted but waiting (test env: until accepted). */
export type RefundStatus = "initialized" | "reserved" | "completed" | "declined" | "void"

export interface Refund {
  id: number
  kind: "amount" | "cart" | "dashboard"
  status: RefundStatus
  /** minor units */
  amount: number
  currency: string
  refundOrderId: string | null
  description: string | null
  created: Date
  modified: Date
  reason: string | null
  /** the request's items in canonical form, to recognise a replayed cart refund */
  requestSignature: string | null
}

export interface Capture {
  id: number
  amount: number
  orderId: string
  status: "completed"
  reason: string | null
  description: string | null
  created: Date
}

/** The payment's own state; refunds and shipment are layered on top (order-status.ts). */
export type PaymentStatus =
  | "initialized"
  | "completed"
  | "uncleared"
  | "declined"
  | "expired"
  | "cancelled"
  | "void"

export interface Shipment {
  tracktraceCode: string | null
  carrier: string | null
  shipDate: string | null
  invoiceId: string | null
}

export interface StoredOrder {
  orderId: string
  transactionId: number
  sessionId: string
  type: string
  /** payment_details.type: the gateway given at creation, or the one the shopper paid with */
  gateway: string | null
  currency: string
  /** minor units */
  amount: number
  description: string
  manualCapture: boolean
  /** minor units still capturable; null until a manual-capture order is authorised */
  captureRemain: number | null
  paymentStatus: PaymentStatus
  shipment: Shipment | null
  created: Date
  modified: Date
  customer: unknown
  delivery: unknown
  paymentOptions: Record<string, unknown>
  vars: Record<string, unknown>
  /** null = the order was created without a shopping cart */
  cart: CartItem[] | null
  taxTables: TaxTables | null
  /** checkout_options.tax_tables as sent, returned by GET without the wrapper */
  taxTablesView: Record<string, unknown> | null
  refunds: Refund[]
  captures: Capture[]
}
