/**
 * The order as Worldline answers it (docs/gateways/worldline.md#orders-and-payments): the
 * legacy shape, amounts as JSON numbers with the currency's decimals (DecimalNumber).
 */
import { formatMinor, wireAmount } from "../money/amounts"
import type { RefundTransactionView } from "../sandbox-types"
import type { StoredOrder, StoredTransaction } from "./order-model"
import { isRefund } from "./order-model"
import { authorizedMinor, capturedMinor, refundedMinor, uncapturedMinor } from "./order-amounts"

export function renderTransaction(order: StoredOrder, t: StoredTransaction) {
  return {
    transactionId: t.transactionId,
    transactionType: t.transactionType,
    state: t.state,
    statusCode: t.statusCode,
    description: t.description,
    amount: wireAmount(t.amountMinor, order.currency),
    referenceTransactionId: t.referenceTransactionId,
    requestId: t.requestId,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  }
}

/**
 * `capturable` (ours): something authorised is left to capture, and the method allows another
 * capture (a method without partial captures is captured once).
 */
function isCapturable(order: StoredOrder, partialCapture: boolean): boolean {
  if (order.orderState !== "Pending payment" && order.orderState !== "Paid") return false
  if (uncapturedMinor(order) <= 0) return false
  return order.orderState === "Pending payment" || partialCapture
}

/** The order read; `transactions` the order's (default) or one request's results. */
export function renderOrder(
  order: StoredOrder,
  partialCapture: boolean,
  transactions: readonly StoredTransaction[] = order.transactions,
) {
  const amount = (minor: number) => wireAmount(minor, order.currency)
  return {
    mid: order.mid,
    orderId: order.orderId,
    orderState: order.orderState,
    paymentMethodId: order.paymentMethodId,
    capturable: isCapturable(order, partialCapture),
    orderAmount: amount(order.orderAmountMinor),
    authorizedAmount: amount(authorizedMinor(order)),
    capturedAmount: amount(capturedMinor(order)),
    refundedAmount: amount(refundedMinor(order)),
    transactions: transactions.map((t) => renderTransaction(order, t)),
  }
}

export type RenderedOrder = ReturnType<typeof renderOrder>

/** The refund transactions with decimal-text amounts, for tests. */
export function refundViews(order: StoredOrder): RefundTransactionView[] {
  return order.transactions.filter(isRefund).map((t) => ({
    transactionId: t.transactionId,
    transactionType: t.transactionType,
    state: t.state,
    statusCode: t.statusCode,
    description: t.description,
    amount: formatMinor(t.amountMinor, order.currency),
    currency: order.currency,
    referenceTransactionId: t.referenceTransactionId,
    requestId: t.requestId,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  }))
}
