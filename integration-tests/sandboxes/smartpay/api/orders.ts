/**
 * GET /orders/{id} and PUT /orders/{id}/cancellation
 * (docs/gateways/smartpay.md#checkout-sessions-and-orders, #cancellation).
 */
import { CODES, forbidden, notFound } from "../errors"
import type { StoredOrder } from "../state/model"
import { renderOrder } from "../state/render"
import type { SandboxState } from "../state/sandbox-state"
import { endRemainder } from "./order-lifecycle"

export function requireOrder(state: SandboxState, id: string): StoredOrder {
  const order = state.orders.get(id)
  if (!order) throw notFound(CODES.orderNotFound, `No order ${id}`)
  return order
}

export function getOrder(state: SandboxState, id: string, expand: boolean) {
  return { status: 200, body: renderOrder(state, requireOrder(state, id), expand) }
}

/**
 * Before authorisation or while awaiting capture. Canceling a canceled order answers it
 * unchanged (ours: a retry with a fresh key must not fail); rejected and succeeded orders
 * answer 403 order.cannot-cancel (ours).
 */
export function cancelOrder(state: SandboxState, id: string) {
  const order = requireOrder(state, id)
  if (order.status === "requires_authorization" || order.status === "requires_capture") {
    endRemainder(state, order)
  } else if (order.status !== "canceled") {
    throw forbidden(CODES.cannotCancel, `Order ${id} is ${order.status}: it cannot be canceled`)
  }
  return { status: 200, body: renderOrder(state, order) }
}
