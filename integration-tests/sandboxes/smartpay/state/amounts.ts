/**
 * Amounts derived from an order's payments and refunds (docs/gateways/smartpay.md#capture,
 * #refund-limits), integer yen. Pending refunds count against what is left (ours): money that
 * may still go back is not refundable twice.
 */
import { sumYen, type Yen } from "../money/yen"
import type { StoredOrder, StoredPayment, StoredRefund } from "./model"
import type { SandboxState } from "./sandbox-state"

export function capturedYen(state: SandboxState, order: StoredOrder): Yen {
  return sumYen(state.paymentsOf(order).map((payment) => payment.amount))
}

/** What a capture may still take: only while the order awaits capture. */
export function capturableYen(state: SandboxState, order: StoredOrder): Yen {
  if (order.status !== "requires_capture" || order.remainderCanceled) return 0
  return order.amount - capturedYen(state, order)
}

const holdsMoney = (refund: StoredRefund) => refund.status !== "failed"

export function refundedYen(state: SandboxState, payment: StoredPayment): Yen {
  return sumYen(
    state
      .refundsOf(payment)
      .filter(holdsMoney)
      .map((refund) => refund.amount),
  )
}

export function refundableYen(state: SandboxState, payment: StoredPayment): Yen {
  return payment.amount - refundedYen(state, payment)
}

/** `refunded` once succeeded refunds cover the payment (docs: processed | refunded). */
export function paymentStatus(
  state: SandboxState,
  payment: StoredPayment,
): "processed" | "refunded" {
  const succeeded = sumYen(
    state
      .refundsOf(payment)
      .filter((refund) => refund.status === "succeeded")
      .map((refund) => refund.amount),
  )
  return succeeded >= payment.amount ? "refunded" : "processed"
}
