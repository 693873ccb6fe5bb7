/**
 * The sandbox's stored order. Money is integer cents (every accepted currency has exactly 2
 * decimals here), so rules add and compare whole numbers and never a float. Dates are ISO
 * strings so the record can be cloned and sent over the control API as it is.
 */
import type { PaymentOutcome, PaymentStatus, RefundStatus } from "../sandbox-types"

/** An amount in cents: always a safe integer (see money/amounts.ts). */
export type Cents = number

export interface HistoryEntry {
  status: PaymentStatus
  createdAt: string
}

export interface StoredCapture {
  captureId: string
  captureReference: string
  description: string | null
  amountCents: Cents
  createdAt: string
  /** made by the sandbox for an auto-capture provider, not by a capture call */
  automatic: boolean
}

export interface StoredVoid {
  voidedId: string
  voidReference: string
  description: string | null
  amountCents: Cents
  createdAt: string
}

export interface StoredRefund {
  /** as the refund call answered it (`<sent>-00`), or Optty-generated for portal refunds */
  refundId: string
  /** the refundReference the merchant sent; null for portal refunds */
  sentReference: string | null
  source: "api" | "dashboard"
  amountCents: Cents
  currency: string
  status: RefundStatus
  createdAt: string
  settledAt: string | null
  refundReason: string
  refundFailureReason: string | null
  bnplRefundId: string
  /** as sent with the refund call; null for portal refunds */
  isActivatedViaOAuth: boolean | null
}

export interface PaymentResult {
  status: PaymentOutcome
  providerReference: string
  /** where the shopper was sent back to, hash included */
  redirectUrl: string
  at: string
}

export interface OpttyOrderState {
  orderReference: string
  merchantId: string
  /** the bnplProvider the order was created for */
  provider: string
  currency: string
  orderAmountCents: Cents
  surchargeCents: Cents
  status: PaymentStatus
  bnplOrderId: string | null
  dynamicRedirectUrl: string
  dynamicCallbackUrl: string | null
  /** the create-order body exactly as it was parsed */
  request: unknown
  createdAt: string
  transactionHistory: HistoryEntry[]
  captures: StoredCapture[]
  voids: StoredVoid[]
  refunds: StoredRefund[]
  /** the shopper's outcome; null until pay() */
  payment: PaymentResult | null
}
