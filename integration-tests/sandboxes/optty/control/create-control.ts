import { ControlError } from "../errors"
import { addFault } from "../http/faults"
import { paymentWebhookBody, refundWebhookBody } from "../notifications/webhook-bodies"
import type { Notifier } from "../notifications/notifier"
import type { SandboxControl } from "../sandbox-types"
import type { OpttyOrderState } from "../state/order-model"
import { renderDetails } from "../state/render-details"
import type { SandboxState } from "../state/sandbox-state"
import { payOrder } from "./pay-order"
import { dashboardRefund, settleRefund } from "./refund-events"

/** The in-process control surface; the HTTP control API and the payment page call it too. */
export function createControl(state: SandboxState, notifier: Notifier): SandboxControl {
  const orderOrThrow = (orderReference: string): OpttyOrderState => {
    const order = state.orders.get(orderReference)
    if (!order) throw new ControlError(`Unknown order ${orderReference}`, 404)
    return order
  }

  return {
    pay(orderReference, options) {
      const order = orderOrThrow(orderReference)
      const redirectUrl = payOrder(state, order, options)
      notifier.auto(order, paymentWebhookBody(order))
      return { redirectUrl }
    },
    settleRefund(orderReference, refundId, options) {
      const order = orderOrThrow(orderReference)
      const refund = settleRefund(state, order, refundId, options)
      notifier.auto(order, refundWebhookBody(order, refund))
      return renderDetails(order)
    },
    dashboardRefund(orderReference, options) {
      const order = orderOrThrow(orderReference)
      const refund = dashboardRefund(state, order, options)
      // a PENDING portal refund is announced when it settles, like any pending refund
      if (refund.status !== "PENDING") notifier.auto(order, refundWebhookBody(order, refund))
      return { refundId: refund.refundId, order: renderDetails(order) }
    },
    notify(orderReference, body) {
      try {
        const order = orderOrThrow(orderReference)
        return notifier.send(order, body ?? paymentWebhookBody(order), "manual")
      } catch (error) {
        return Promise.reject(error)
      }
    },
    setAutoNotify(enabled) {
      if (typeof enabled !== "boolean") throw new ControlError("enabled must be a boolean")
      state.autoNotify = enabled
    },
    setRefundsStartAs(status) {
      if (status !== "SUCCESSFUL" && status !== "PENDING") {
        throw new ControlError('status must be "SUCCESSFUL" or "PENDING"')
      }
      state.refundsStartAs = status
    },
    expireTokens: () => state.tokens.revokeAll(state.now().getTime()),
    advanceClock(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new ControlError("ms must be a non-negative number")
      return state.advanceClock(ms)
    },
    now: () => state.now(),
    failNext: (fault) => addFault(state, fault),
    clearFaults: () => {
      state.faults = []
    },
    requests: () => structuredClone(state.requestLog),
    order: (orderReference) => {
      const order = state.orders.get(orderReference)
      return order ? structuredClone(order) : undefined
    },
    notifications: () => structuredClone(state.notificationLog),
    settleNotifications: () => notifier.settle(),
    reset() {
      notifier.reset()
      state.reset()
    },
  }
}
