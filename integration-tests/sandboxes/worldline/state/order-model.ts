/**
 * What the sandbox stores about one Worldline order. Amounts are minor units of the order's
 * currency; the JSON the API answers is rendered from this (render-order.ts).
 * States and types: docs/gateways/worldline.md#orders-and-payments.
 */
import type { Minor } from "../money/amounts"

export type OrderState =
  | "Registered"
  | "Pending payment"
  | "Cancelled"
  | "Paid"
  | "Refunded"
  | "Disputed"
  | "Invalid"

export type TransactionType = "Authorization" | "Capture" | "Cancel" | "Credit" | "Payout"

export type TransactionState = "Registered" | "Processed" | "Declined" | "Rejected" | "System Error"

export interface StoredTransaction {
  transactionId: string
  transactionType: TransactionType
  state: TransactionState
  statusCode: number
  description: string
  amountMinor: Minor
  /** refunds: the capture they refund; captures and cancels: the authorisation */
  referenceTransactionId: string | null
  /** the merchant's request id; null for the payment itself and portal refunds */
  requestId: string | null
  createdAt: string
  updatedAt: string
}

export interface StoredLineItem {
  sku: string | null
  description: string
  quantity: number
  unitAmountMinor: Minor
  totalAmountMinor: Minor
  taxRate: number | null
}

export interface StoredOrder {
  mid: string
  orderId: string
  orderState: OrderState
  paymentMethodId: number
  currency: string
  orderAmountMinor: Minor
  transactionChannel: string
  autoCapture: boolean
  returnUrl: string
  orderDescription: string | null
  lineItems: StoredLineItem[]
  transactions: StoredTransaction[]
  /** the hosted page's opaque parameter */
  creq: string
  createdAt: string
}

export const REFUND_TYPES: ReadonlySet<TransactionType> = new Set(["Credit", "Payout"])

export function isRefund(transaction: StoredTransaction): boolean {
  return REFUND_TYPES.has(transaction.transactionType)
}
