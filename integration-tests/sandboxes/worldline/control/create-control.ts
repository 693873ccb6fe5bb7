import { kitControl } from "../../kit/kit-control"
import { ControlError } from "../errors"
import { plain } from "../http/wire-json"
import { orderChanged, sendNotification } from "../notifications/notifications"
import type { OrderJson, TransactionJson, WorldlineSandboxControl } from "../sandbox-types"
import type { StoredOrder } from "../state/order-model"
import { refundViews, renderOrder, renderTransaction } from "../state/render-order"
import type { SandboxState } from "../state/sandbox-state"
import { payOrder } from "./pay-order"
import { portalCapture } from "./portal-capture"
import { dashboardRefund, settleRefunds } from "./refund-events"

/** The in-process control surface; the HTTP control API and the hosted page call it too. */
export function createControl(state: SandboxState): WorldlineSandboxControl {
  const orderOrThrow = (orderId: string): StoredOrder => {
    const order = state.orders.get(orderId)
    if (!order) throw new ControlError(`Unknown order ${orderId}`, 404)
    return order
  }
  const read = (order: StoredOrder) =>
    plain<OrderJson>(renderOrder(order, state.isPartialCapture(order)))

  return {
    ...kitControl(state.kit),
    order: (orderId) => {
      const order = state.orders.get(orderId)
      return order ? read(order) : undefined
    },
    pay(orderId, options) {
      const order = orderOrThrow(orderId)
      const redirectUrl = payOrder(state, order, options)
      orderChanged(state, order)
      return { redirectUrl }
    },
    settleRefund(orderId, ref, options) {
      const order = orderOrThrow(orderId)
      settleRefunds(state, order, ref, options)
      orderChanged(state, order)
      return read(order)
    },
    setCreditsStartAs(startAs) {
      if (startAs !== "Processed" && startAs !== "Registered") {
        throw new ControlError('state must be "Processed" or "Registered"')
      }
      state.creditsStartAs = startAs
    },
    portalCapture(orderId, options) {
      const order = orderOrThrow(orderId)
      const capture = portalCapture(state, order, options)
      orderChanged(state, order)
      return {
        transaction: plain<TransactionJson>(renderTransaction(order, capture)),
        order: read(order),
      }
    },
    dashboardRefund(orderId, options) {
      const order = orderOrThrow(orderId)
      const credit = dashboardRefund(state, order, options)
      orderChanged(state, order)
      return {
        transaction: plain<TransactionJson>(renderTransaction(order, credit)),
        order: read(order),
      }
    },
    notify(orderId) {
      try {
        return sendNotification(state, orderOrThrow(orderId), "manual")
      } catch (error) {
        return Promise.reject(error)
      }
    },
    setNotificationUrl(url) {
      if (url !== null) {
        try {
          new URL(url)
        } catch {
          throw new ControlError("url must be an absolute URL or null")
        }
      }
      state.notificationUrl = url
    },
    refunds: (orderId) => refundViews(orderOrThrow(orderId)),
    expireTokens: () => state.tokens.expireAll(state.nowMs()),
    reset: () => state.reset(),
  }
}
