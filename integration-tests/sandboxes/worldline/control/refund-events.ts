/**
 * What happens to refunds outside the API: a Registered credit or payout is settled
 * (docs/gateways/worldline.md#payouts), or a refund is made in Worldline's portal (a Processed
 * Credit without a request id, docs/gateways/worldline.md#refund-statuses).
 */
import { addTransaction } from "../api/transactions"
import {
  captureRemainingMinor,
  captures,
  refundableMinor,
  derivedState,
} from "../state/order-amounts"
import { ControlError } from "../errors"
import { decimalTextToMinor, formatMinor } from "../money/amounts"
import type { DashboardRefundOptions, SettleRefundOptions } from "../sandbox-types"
import { isRefund, type StoredOrder, type StoredTransaction } from "../state/order-model"
import type { SandboxState } from "../state/sandbox-state"

/** ours: the status code of a declined refund */
export const REFUND_DECLINED_STATUS = 20060

/** `ref`: a transaction id, several joined with "+", or a request id (its Registered refunds). */
function refundsOf(order: StoredOrder, ref: string): StoredTransaction[] {
  const refunds = order.transactions.filter(isRefund)
  const byRequest = refunds.filter((t) => t.requestId === ref)
  if (byRequest.length > 0) {
    // every Registered one; none left means the request is settled already (refused by the caller)
    const registered = byRequest.filter((t) => t.state === "Registered")
    return registered.length > 0 ? registered : byRequest
  }
  return ref.split("+").map((id) => {
    const found = refunds.find((t) => t.transactionId === id)
    if (!found) throw new ControlError(`Order ${order.orderId} has no refund ${id}`, 404)
    return found
  })
}

export function settleRefunds(
  state: SandboxState,
  order: StoredOrder,
  ref: string,
  options: SettleRefundOptions,
): StoredTransaction[] {
  if (options.state !== "Processed" && options.state !== "Declined") {
    throw new ControlError('state must be "Processed" or "Declined"')
  }
  const settled = refundsOf(order, ref)
  const notPending = settled.find((t) => t.state !== "Registered")
  if (notPending) {
    throw new ControlError(
      `Refund ${notPending.transactionId} is ${notPending.state}, not Registered`,
    )
  }
  const now = state.nowIso()
  for (const t of settled) {
    t.state = options.state
    t.statusCode = options.state === "Processed" ? 0 : REFUND_DECLINED_STATUS
    t.description = options.description ?? (options.state === "Processed" ? "Approved" : "Declined")
    t.updatedAt = now
  }
  order.orderState = derivedState(order)
  return settled
}

export function dashboardRefund(
  state: SandboxState,
  order: StoredOrder,
  options: DashboardRefundOptions,
): StoredTransaction {
  const parsed = decimalTextToMinor(String(options.amount), order.currency)
  if (!parsed.ok || parsed.minor <= 0) {
    throw new ControlError(`amount must be a positive decimal in ${order.currency}, e.g. "10.00"`)
  }
  const wanted = parsed.minor
  const unlimited = state.config.unlimitedRefundAmount
  const capture =
    options.transactionId !== undefined
      ? captures(order).find((t) => t.transactionId === options.transactionId)
      : (captures(order).find((t) => captureRemainingMinor(order, t) >= wanted) ??
        (unlimited ? captures(order).at(-1) : undefined))
  if (!capture) {
    throw new ControlError(
      options.transactionId !== undefined
        ? `Transaction ${options.transactionId} is not a capture of order ${order.orderId}`
        : `No capture of order ${order.orderId} has ${formatMinor(wanted, order.currency)} left to refund`,
    )
  }
  if (
    !unlimited &&
    (wanted > captureRemainingMinor(order, capture) || wanted > refundableMinor(order))
  ) {
    throw new ControlError(
      `Refund exceeds what is left to refund of capture ${capture.transactionId}`,
    )
  }
  return addTransaction(state, order, {
    transactionType: "Credit",
    state: "Processed",
    description: "Refunded in the portal",
    amountMinor: wanted,
    referenceTransactionId: capture.transactionId,
    requestId: null,
  })
}
