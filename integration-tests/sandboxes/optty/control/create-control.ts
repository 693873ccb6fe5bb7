import { kitControl } from "../../kit/kit-control"
import { ControlError } from "../errors"
import { paymentWebhookBody, refundWebhookBody } from "../notifications/webhook-bodies"
import { autoWebhook, sendWebhook } from "../notifications/webhooks"
import type { SandboxControl } from "../sandbox-types"
import type { OpttyOrderState } from "../state/order-model"
import { renderDetails } from "../state/render-details"
import type { SandboxState } from "../state/sandbox-state"
import { payOrder } from "./pay-order"
import { dashboardRefund, settleRefund } from "./refund-events"

/** The in-process control surface; the HTTP control API and the payment page call it too. */
export function createControl(state: SandboxState): SandboxControl {
  const orderOrThrow = (orderReference: string): OpttyOrderState => {
    const order = state.orders.get(orderReference)
    if (!order) throw new ControlError(`Unknown order ${orderReference}`, 404)
    return order
  }

  return {
    ...kitControl(state.kit),
    pay(orderReference, options) {
      const order = orderOrThrow(orderReference)
      const redirectUrl = payOrder(state, order, options)
      autoWebhook(state, order, paymentWebhookBody(order))
      return { redirectUrl }
    },
    settleRefund(orderReference, refundId, options) {
      const order = orderOrThrow(orderReference)
      const refund = settleRefund(state, order, refundId, options)
      autoWebhook(state, order, refundWebhookBody(order, refund))
      return renderDetails(order)
    },
    dashboardRefund(orderReference, options) {
      const order = orderOrThrow(orderReference)
      const refund = dashboardRefund(state, order, options)
      // a PENDING portal refund is announced when it settles, like any pending refund
      if (refund.status !== "PENDING") autoWebhook(state, order, refundWebhookBody(order, refund))
      return { refundId: refund.refundId, order: renderDetails(order) }
    },
    notify(orderReference, body) {
      try {
        const order = orderOrThrow(orderReference)
        return sendWebhook(state, order, body ?? paymentWebhookBody(order), "manual")
      } catch (error) {
        return Promise.reject(error)
      }
    },
    setRefundsStartAs(status) {
      if (status !== "SUCCESSFUL" && status !== "PENDING") {
        throw new ControlError('status must be "SUCCESSFUL" or "PENDING"')
      }
      state.refundsStartAs = status
    },
    expireTokens: () => state.tokens.revokeAll(state.now().getTime()),
    order: (orderReference) => {
      const order = state.orders.get(orderReference)
      return order ? structuredClone(order) : undefined
    },
    reset: () => state.reset(),
  }
}
