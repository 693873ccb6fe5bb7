import { Refund, StoredOrder } from "../state/order-model"
import { isPendingRefund } from "../state/order-status"
import { SandboxState } from "../state/sandbox-state"

export function findRefund(order: StoredOrder, refundId: number | string): Refund | undefined {
  return order.refunds.find((refund) => String(refund.id) === String(refundId))
}

/** The refund is paid out; the order's status follows from it (order-status.ts). */
export function completeRefund(state: SandboxState, order: StoredOrder, refund: Refund): void {
  refund.status = "completed"
  refund.modified = state.now()
  state.changed(order)
}

/**
 * A refund that failed ("declined") or was cancelled ("void") gives its money back to the order
 * and takes its lines out of the stored cart, so the next cart refund is built without them.
 */
export function releaseRefund(
  state: SandboxState,
  order: StoredOrder,
  refund: Refund,
  status: "declined" | "void",
  reason: string | null,
): void {
  refund.status = status
  refund.reason = reason
  refund.modified = state.now()
  if (order.cart) order.cart = order.cart.filter((line) => line.refundId !== refund.id)
  state.changed(order)
}

export function canStillChange(refund: Refund): boolean {
  return isPendingRefund(refund)
}
