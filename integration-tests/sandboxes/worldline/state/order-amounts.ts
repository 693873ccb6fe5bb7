/**
 * The amounts and state an order's transactions add up to (docs/gateways/worldline.md#orders-and-payments,
 * #refund-limits). Nothing is stored twice: captured, refunded and the order state are always
 * worked out from the transactions.
 */
import { sumMinor, type Minor } from "../money/amounts"
import {
  isRefund,
  type OrderState,
  type StoredOrder,
  type StoredTransaction,
  type TransactionState,
  type TransactionType,
} from "./order-model"

function total(
  order: StoredOrder,
  types: readonly TransactionType[],
  states: readonly TransactionState[],
): Minor {
  return sumMinor(
    order.transactions
      .filter((t) => types.includes(t.transactionType) && states.includes(t.state))
      .map((t) => t.amountMinor),
  )
}

export const authorizedMinor = (order: StoredOrder) =>
  total(order, ["Authorization"], ["Processed"])

export const capturedMinor = (order: StoredOrder) => total(order, ["Capture"], ["Processed"])

/** refundedAmount: successful refunds only (docs/gateways/worldline.md#refund-request) */
export const refundedMinor = (order: StoredOrder) =>
  total(order, ["Credit", "Payout"], ["Processed"])

/** what refunds already claim: processed and still registered (docs/gateways/worldline.md#refund-limits) */
export const claimedByRefundsMinor = (order: StoredOrder) =>
  total(order, ["Credit", "Payout"], ["Processed", "Registered"])

export const captures = (order: StoredOrder): StoredTransaction[] =>
  order.transactions.filter((t) => t.transactionType === "Capture" && t.state === "Processed")

/** A capture's amount minus the processed and registered refunds that reference it. */
export function captureRemainingMinor(order: StoredOrder, capture: StoredTransaction): Minor {
  const claimed = order.transactions.filter(
    (t) =>
      isRefund(t) &&
      t.referenceTransactionId === capture.transactionId &&
      (t.state === "Processed" || t.state === "Registered"),
  )
  return capture.amountMinor - sumMinor(claimed.map((t) => t.amountMinor))
}

export const refundableMinor = (order: StoredOrder) =>
  capturedMinor(order) - claimedByRefundsMinor(order)

export const uncapturedMinor = (order: StoredOrder) =>
  order.orderState === "Cancelled" ? 0 : authorizedMinor(order) - capturedMinor(order)

/**
 * The order state its transactions mean (ours where the legacy list is silent:
 * docs/gateways/worldline.md#orders-and-payments): Cancelled stays; no processed authorisation
 * is Registered (not paid yet) or Invalid (declined); nothing captured is Pending payment;
 * everything captured refunded is Refunded; otherwise Paid.
 */
export function derivedState(order: StoredOrder): OrderState {
  if (order.orderState === "Cancelled") return "Cancelled"
  const authorizations = order.transactions.filter((t) => t.transactionType === "Authorization")
  if (!authorizations.some((t) => t.state === "Processed")) {
    return authorizations.length > 0 ? "Invalid" : "Registered"
  }
  const captured = capturedMinor(order)
  if (captured === 0) return "Pending payment"
  return refundedMinor(order) >= captured ? "Refunded" : "Paid"
}
