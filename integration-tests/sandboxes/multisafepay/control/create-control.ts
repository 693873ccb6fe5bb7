import { kitControl } from "../../kit/kit-control"
import { canStillChange, completeRefund, findRefund, releaseRefund } from "../api/refund-lifecycle"
import { ControlError } from "../errors"
import { sendOrderNotification } from "../notifications/order-notification"
import type { SandboxControl } from "../sandbox-types"
import { Refund, StoredOrder } from "../state/order-model"
import { renderOrder } from "../state/render-order"
import { SandboxState } from "../state/sandbox-state"
import { dashboardRefund } from "./dashboard-refund"
import { payOrder } from "./pay-order"

/** The in-process control surface; the HTTP control API calls the same object. */
export function createControl(state: SandboxState): SandboxControl {
  const orderOrThrow = (orderId: string): StoredOrder => {
    const order = state.findOrder(orderId)
    if (!order) throw new ControlError(`Unknown order ${orderId}`, 404)
    return order
  }
  const pendingRefund = (order: StoredOrder, refundId: number | string): Refund => {
    const refund = findRefund(order, refundId)
    if (!refund) throw new ControlError(`Order ${order.orderId} has no refund ${refundId}`, 404)
    if (!canStillChange(refund)) {
      throw new ControlError(
        `Refund ${refund.id} is "${refund.status}"; only a reserved or initialized refund can change`,
      )
    }
    return refund
  }
  const snapshot = (order: StoredOrder) => structuredClone(renderOrder(order))

  return {
    ...kitControl(state.kit),
    pay(orderId, options) {
      const order = orderOrThrow(orderId)
      payOrder(state, order, options)
      return snapshot(order)
    },
    completeRefund(orderId, refundId) {
      const order = orderOrThrow(orderId)
      completeRefund(state, order, pendingRefund(order, refundId))
      return snapshot(order)
    },
    failRefund(orderId, refundId, reason) {
      const order = orderOrThrow(orderId)
      releaseRefund(state, order, pendingRefund(order, refundId), "declined", reason ?? null)
      return snapshot(order)
    },
    dashboardRefund(orderId, options) {
      const order = orderOrThrow(orderId)
      const refundId = dashboardRefund(state, order, options)
      return { refund_id: refundId, order: snapshot(order) }
    },
    notify(orderId, options = {}) {
      try {
        return sendOrderNotification(state, orderOrThrow(orderId), options, "manual")
      } catch (error) {
        return Promise.reject(error)
      }
    },
    order: (id) => {
      const order = state.findOrder(id)
      return order ? snapshot(order) : undefined
    },
    reset: () => state.reset(),
  }
}
