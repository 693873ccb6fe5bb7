import { gatewayRefundFailureReason } from "../../../core/messages"
import { fromMinorUnits } from "../../../core/money"
import { GatewayRefundReport } from "../../../core/refund-outcomes"
import { RefundReport } from "../../../gateway-kit"
import { WorldlineOrder, WorldlineTransaction } from "../api/schemas"
import { describeStatus } from "../api/read-error"
import { minorOf } from "../money"
import { sessionIdOfOrder } from "../payment-data"
import { isFailedState, isRefundTransaction, refundStatus } from "../statuses"

/** The refund transactions (Credit, Payout) of one request id, or one without a request id. */
export interface RefundGroup {
  request_id: string | null
  transactions: WorldlineTransaction[]
}

/** The logical refund key behind a request id: `lr_…` with a `-<n>` retry suffix stripped. */
export function keyOfRequestId(requestId: string | null | undefined): string | null {
  if (!requestId || !requestId.startsWith("lr_")) return null
  return requestId.replace(/-\d+$/, "")
}

/**
 * The order's refunds: its Credit and Payout transactions grouped by request id, in the order
 * they appear; transactions without one (made in Worldline's portal) one each.
 */
export function refundGroups(order: WorldlineOrder): RefundGroup[] {
  const groups: RefundGroup[] = []
  const byRequest = new Map<string, RefundGroup>()
  for (const t of order.transactions.filter(isRefundTransaction)) {
    if (!t.requestId) {
      groups.push({ request_id: null, transactions: [t] })
      continue
    }
    let group = byRequest.get(t.requestId)
    if (!group) {
      group = { request_id: t.requestId, transactions: [] }
      byRequest.set(t.requestId, group)
      groups.push(group)
    }
    group.transactions.push(t)
  }
  return groups
}

/** "7000002" or "7000002+7000003" when Worldline spread the refund over several captures. */
export const groupReference = (group: RefundGroup) =>
  group.transactions.map((t) => t.transactionId).join("+")

/**
 * What a refund came to at Worldline, in minor units: its transactions that did not fail (all of
 * them when every one failed, so a failed refund still shows what was asked).
 */
export function groupAmountMinor(group: RefundGroup, currency: string): number {
  const standing = group.transactions.filter((t) => !isFailedState(t.state))
  const counted = standing.length ? standing : group.transactions
  return counted.reduce((sum, t) => sum + (t.amount ? minorOf(t.amount.amount, currency) : 0), 0)
}

/** Worldline's words for a failed refund: each failed transaction's description and code. */
export function groupFailure(group: RefundGroup): string {
  return group.transactions
    .filter((t) => isFailedState(t.state))
    .map((t) => describeStatus(t.statusCode, t.description))
    .join("; ")
}

export function toRefundReport(group: RefundGroup, currency: string): GatewayRefundReport {
  const code = currency.toUpperCase()
  const { status } = refundStatus(group.transactions)
  const created = group.transactions
    .map((t) => t.createdAt)
    .filter((c): c is string => !!c)
    .sort()[0]
  return {
    gateway_reference: groupReference(group),
    status,
    amount: fromMinorUnits(groupAmountMinor(group, code), code),
    currency_code: code.toLowerCase(),
    idempotency_key: keyOfRequestId(group.request_id),
    gateway_status: [...new Set(group.transactions.map((t) => t.state))].join("+"),
    reason:
      status === "failed"
        ? gatewayRefundFailureReason({
            gateway: "Worldline",
            status: group.transactions.map((t) => t.state).join("+"),
            reason: groupFailure(group),
          })
        : null,
    created_at: created ?? null,
  }
}

/** Everything Worldline says about an order's refunds, as the neutral report. */
export function refundReport(order: WorldlineOrder): RefundReport {
  const currency = order.orderAmount.currency
  return {
    provider: "worldline",
    session_id: sessionIdOfOrder(order.orderId),
    payment_reference: order.orderId,
    refunds: refundGroups(order).map((g) => toRefundReport(g, currency)),
  }
}
