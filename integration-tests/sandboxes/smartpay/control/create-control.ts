import { kitControl } from "../../kit/kit-control"
import { SecretScrubber } from "../../kit/secret-scrubber"
import { expireOrders } from "../api/order-lifecycle"
import { ControlError } from "../errors"
import { EVENT_SUBJECT, sendEvent, type EventSubject } from "../notifications/events"
import type { EventType, SmartpaySandboxControl } from "../sandbox-types"
import { renderOrder, renderPayment, renderRefund } from "../state/render"
import type { SandboxState } from "../state/sandbox-state"
import { dashboardCapture } from "./dashboard-capture"
import { findOrder, orderOrThrow, refundOrThrow } from "./lookup"
import { payOrder } from "./pay-order"
import { dashboardRefund, settleRefund } from "./refund-events"

function subjectOf(state: SandboxState, type: EventType, id: string): EventSubject {
  const kind = EVENT_SUBJECT[type]
  if (kind === undefined) {
    throw new ControlError(`type must be one of ${Object.keys(EVENT_SUBJECT).join(", ")}`)
  }
  if (kind === "order") return { kind, order: orderOrThrow(state, id) }
  const payment = kind === "payment" ? state.payments.get(id) : undefined
  if (payment) return { kind: "payment", payment }
  const refund = kind === "refund" ? state.refunds.get(id) : undefined
  if (refund) return { kind: "refund", refund }
  throw new ControlError(`Unknown ${kind} ${id}`, 404)
}

/**
 * The in-process control surface; the HTTP control API and the hosted checkout call it too.
 * Every call first lets overdue authorisations expire, so a moved clock takes effect at once.
 */
export function createControl(state: SandboxState): SmartpaySandboxControl {
  const kit = kitControl(state.kit)
  const expiring =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      expireOrders(state)
      return fn(...args)
    }
  return {
    ...kit,
    advanceClock: (ms) => {
      const now = kit.advanceClock(ms)
      expireOrders(state)
      return now
    },
    order: expiring((ref: string) => {
      const order = findOrder(state, ref)
      return order ? renderOrder(state, order, true) : undefined
    }),
    pay: expiring((ref: string, options = {}) => {
      const order = orderOrThrow(state, ref)
      const redirectUrl = payOrder(state, order, options)
      return { redirectUrl, order: renderOrder(state, order, true) }
    }),
    settleRefund: expiring((ref: string, options) => {
      const refund = refundOrThrow(state, ref)
      settleRefund(state, refund, options)
      return renderRefund(refund)
    }),
    setRefundsStartAs(status) {
      if (status !== "succeeded" && status !== "pending") {
        throw new ControlError('status must be "succeeded" or "pending"')
      }
      state.refundsStartAs = status
    },
    setRefundListingDelay(ms) {
      if (!Number.isSafeInteger(ms) || ms < 0) {
        throw new ControlError("ms must be a non-negative integer of milliseconds")
      }
      state.refundListingDelayMs = ms
    },
    dashboardCapture: expiring((ref: string, options) =>
      renderPayment(state, dashboardCapture(state, orderOrThrow(state, ref), options)),
    ),
    dashboardRefund: expiring((ref: string, options = {}) =>
      renderRefund(dashboardRefund(state, orderOrThrow(state, ref), options)),
    ),
    notify(type, objectId) {
      try {
        expireOrders(state)
        return sendEvent(state, type, subjectOf(state, type, objectId), "manual")
      } catch (error) {
        return Promise.reject(error)
      }
    },
    setWebhookUrl(url) {
      if (url !== null) {
        try {
          new URL(url)
        } catch {
          throw new ControlError("url must be an absolute URL or null")
        }
      }
      state.webhookUrl = url
    },
    refunds: expiring((ref: string) => {
      const order = orderOrThrow(state, ref)
      return state
        .paymentsOf(order)
        .flatMap((payment) => state.refundsOf(payment))
        .sort((a, b) => a.createdAt - b.createdAt)
        .map(renderRefund)
    }),
    reset: () => state.reset(),
  }
}

/** A URL as a control answer may show it: secret-named query parameters redacted. */
export const shownUrl = (url: string | null) =>
  url === null ? null : new SecretScrubber([]).url(url)
