import { isPayLaterGateway } from "../gateways"
import { Refund, StoredOrder } from "./order-model"

/** A declined (failed) or voided refund no longer holds any of the order's money. */
export function isActiveRefund(refund: Refund): boolean {
  return refund.status !== "declined" && refund.status !== "void"
}

export function isPendingRefund(refund: Refund): boolean {
  return refund.status === "reserved" || refund.status === "initialized"
}

/** amount_refunded: every refund not failed or voided, pending ones included. */
export function refundedAmount(order: StoredOrder): number {
  return order.refunds.filter(isActiveRefund).reduce((sum, refund) => sum + refund.amount, 0)
}

function completedRefundAmount(order: StoredOrder): number {
  return order.refunds
    .filter((refund) => refund.status === "completed")
    .reduce((sum, refund) => sum + refund.amount, 0)
}

/** What can be refunded at all: the captured amount for manual-capture orders. */
export function refundableTotal(order: StoredOrder): number {
  if (!order.manualCapture) return order.amount
  return order.captures.reduce((sum, capture) => sum + capture.amount, 0)
}

export function remainingRefundable(order: StoredOrder): number {
  return refundableTotal(order) - refundedAmount(order)
}

export function isPayLater(order: StoredOrder): boolean {
  return isPayLaterGateway(order.gateway)
}

/**
 * The order's status, derived rather than stored so a failed or voided refund can never leave
 * a stale "refunded" behind. Only completed refunds move the status
 * (docs/gateways/multisafepay.md#refund-statuses): pay-later orders become "void" when fully
 * refunded and keep "completed"/"shipped" when partly refunded; other orders become
 * "refunded"/"partial_refunded".
 */
export function orderStatus(order: StoredOrder): string {
  if (order.paymentStatus !== "completed") return order.paymentStatus
  const base = order.shipment ? "shipped" : "completed"
  const completed = completedRefundAmount(order)
  if (completed === 0) return base
  const full = completed >= refundableTotal(order)
  if (isPayLater(order)) return full ? "void" : base
  return full ? "refunded" : "partial_refunded"
}

export function financialStatus(order: StoredOrder): string {
  if (order.paymentStatus !== "completed") return order.paymentStatus
  return orderStatus(order) === "void" ? "void" : "completed"
}

/**
 * Statuses a refund may be made from (error 1034 in docs/gateways/multisafepay.md#errors: not
 * cancelled, not already refunded).
 */
export const REFUNDABLE_STATUSES: ReadonlySet<string> = new Set([
  "completed",
  "shipped",
  "partial_refunded",
])
