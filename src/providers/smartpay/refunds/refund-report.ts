import { gatewayRefundFailureReason } from "../../../core/messages"
import { fromMinorUnits } from "../../../core/money"
import { GatewayRefundReport } from "../../../core/refund-outcomes"
import { RefundReport } from "../../../gateway-kit"
import { GATEWAY } from "../api/read-error"
import { SmartpayRefund } from "../api/schemas"
import { CURRENCY } from "../checkout/build-checkout-session"
import { refundStatus } from "../statuses"
import { keyOfRefund, partNumberOf } from "./refund-reference"

/**
 * The refunds of an order as the neutral report: the parts of one logical refund (one per
 * payment, docs/gateways/smartpay.md#refunds) are one refund, referenced by their ids joined
 * as the provider recorded it; a refund made in Smartpay's dashboard is one refund of its own.
 */
export function refundReport(input: {
  sessionId: string
  orderId: string
  refunds: readonly SmartpayRefund[]
}): RefundReport {
  const groups: SmartpayRefund[][] = []
  const byKey = new Map<string, SmartpayRefund[]>()
  for (const refund of input.refunds) {
    const key = keyOfRefund(refund)
    if (!key) {
      groups.push([refund])
      continue
    }
    let group = byKey.get(key)
    if (!group) {
      byKey.set(key, (group = []))
      groups.push(group)
    }
    group.push(refund)
  }
  return {
    provider: "smartpay",
    session_id: input.sessionId,
    payment_reference: input.orderId,
    refunds: groups.map(toRefundReport),
  }
}

export function toRefundReport(group: SmartpayRefund[]): GatewayRefundReport {
  const parts = [...group].sort((a, b) => partNumberOf(a) - partNumberOf(b))
  const statuses = parts.map((r) => refundStatus(r.status))
  const standing = parts.filter((_, i) => statuses[i] !== "failed")
  const failed = standing.length === 0
  const counted = failed ? parts : standing
  const status = failed
    ? "failed"
    : standing.length < parts.length || statuses.includes("pending")
      ? "pending"
      : "succeeded"
  const created = parts
    .map((r) => r.createdAt)
    .filter((c): c is number => typeof c === "number")
    .sort((a, b) => a - b)[0]
  return {
    gateway_reference: counted.map((r) => r.id).join("+"),
    status,
    amount: fromMinorUnits(
      counted.reduce((sum, r) => sum + r.amount, 0),
      CURRENCY,
    ),
    currency_code: "jpy",
    idempotency_key: keyOfRefund(parts[0]),
    gateway_status: [...new Set(parts.map((r) => r.status ?? "succeeded"))].join("+"),
    reason: failed ? gatewayRefundFailureReason({ gateway: GATEWAY, status: "failed" }) : null,
    created_at: created === undefined ? null : new Date(created).toISOString(),
  }
}
