import { PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import { RefundStatus } from "../../core/payment-data"
import { paymentActionFor } from "../../gateway-kit/payment-action"
import { WorldlineOrder, WorldlineTransaction } from "./api/schemas"
import { minorOf } from "./money"

/** Transaction states (docs/gateways/worldline.md#orders-and-payments). */
const FAILED_STATES = new Set(["declined", "rejected", "system error"])
export const REFUND_TYPES = new Set(["credit", "payout"])

export const isFailedState = (state: string) => FAILED_STATES.has(state.trim().toLowerCase())
export const isProcessed = (state: string) => state.trim().toLowerCase() === "processed"
export const isRegistered = (state: string) => state.trim().toLowerCase() === "registered"

export const isType = (t: WorldlineTransaction, type: string) =>
  t.transactionType.trim().toLowerCase() === type
export const isRefundTransaction = (t: WorldlineTransaction) =>
  REFUND_TYPES.has(t.transactionType.trim().toLowerCase())

/** What of the order is captured, in minor units: its capturedAmount, else its processed captures. */
export function capturedMinor(order: WorldlineOrder): number {
  const currency = order.orderAmount.currency
  if (order.capturedAmount) return minorOf(order.capturedAmount.amount, currency)
  return order.transactions
    .filter((t) => isType(t, "capture") && isProcessed(t.state) && t.amount)
    .reduce((sum, t) => sum + minorOf(t.amount!.amount, currency), 0)
}

/** What was authorised, in minor units: authorizedAmount, else the order amount once authorised. */
export function authorizedMinor(order: WorldlineOrder): number {
  const currency = order.orderAmount.currency
  if (order.authorizedAmount) return minorOf(order.authorizedAmount.amount, currency)
  return hasProcessedAuthorization(order) ? minorOf(order.orderAmount.amount, currency) : 0
}

function hasProcessedAuthorization(order: WorldlineOrder): boolean {
  return order.transactions.some((t) => isType(t, "authorization") && isProcessed(t.state))
}

/**
 * Medusa's payment status from the order read (ours, docs/gateways/worldline.md#orders-and-payments):
 * `Cancelled` → canceled; anything captured (`Paid`, `Refunded`, `Disputed` included) → captured;
 * `Invalid` or a declined authorisation → error; a processed authorisation → authorized;
 * `Registered` and anything else → pending.
 */
export function paymentStatus(order: WorldlineOrder): PaymentSessionStatus {
  const state = order.orderState.trim().toLowerCase()
  if (state === "cancelled" || state === "canceled") return PaymentSessionStatus.CANCELED
  const capture = capturedMinor(order) > 0
  if (capture || state === "paid" || state === "refunded" || state === "disputed") {
    return PaymentSessionStatus.CAPTURED
  }
  if (state === "invalid") return PaymentSessionStatus.ERROR
  if (hasProcessedAuthorization(order)) return PaymentSessionStatus.AUTHORIZED
  const auths = order.transactions.filter((t) => isType(t, "authorization"))
  if (auths.length && auths.every((t) => isFailedState(t.state))) return PaymentSessionStatus.ERROR
  return PaymentSessionStatus.PENDING
}

/**
 * The payment action a notification leads to, from our read of the order (never the body). Once
 * an order has refunds its notifications are about refunds: "captured" again would ask Medusa to
 * capture again.
 */
export function webhookAction(order: WorldlineOrder): PaymentActions {
  if (order.transactions.some(isRefundTransaction)) return PaymentActions.NOT_SUPPORTED
  const action = paymentActionFor(paymentStatus(order))
  // a cancellation is Medusa's own doing (cancelPayment); a notification of it changes nothing
  return action === PaymentActions.CANCELED ? PaymentActions.NOT_SUPPORTED : action
}

/**
 * A refund's status from its transactions (docs/gateways/worldline.md#refund-statuses): all
 * processed → succeeded; any registered → pending; all failed → failed; some processed and the
 * rest failed → pending (`mixed`, for staff to check).
 */
export function refundStatus(transactions: readonly WorldlineTransaction[]): {
  status: RefundStatus
  mixed: boolean
} {
  const states = transactions.map((t) => t.state)
  if (states.length && states.every(isProcessed)) return { status: "succeeded", mixed: false }
  if (states.some(isRegistered)) return { status: "pending", mixed: false }
  if (states.length && states.every(isFailedState)) return { status: "failed", mixed: false }
  if (states.some(isProcessed) && states.every((s) => isProcessed(s) || isFailedState(s))) {
    return { status: "pending", mixed: true }
  }
  return { status: "pending", mixed: false }
}
