import { ControlError } from "../errors"
import { isPayLaterGateway } from "../gateways"
import type { PaymentOutcome, PayOptions } from "../sandbox-types"
import { StoredOrder } from "../state/order-model"
import { SandboxState } from "../state/sandbox-state"

const OUTCOMES: ReadonlySet<string> = new Set<PaymentOutcome>([
  "completed",
  "uncleared",
  "declined",
  "expired",
])

/**
 * The shopper's payment ends (payment page or control API). Only an open payment can end: an
 * "initialized" order, or an "uncleared" one that now clears or fails.
 */
export function payOrder(state: SandboxState, order: StoredOrder, options: PayOptions = {}): void {
  const outcome = options.status ?? "completed"
  if (!OUTCOMES.has(outcome)) {
    throw new ControlError(`status must be one of ${[...OUTCOMES].join(", ")}`)
  }
  if (order.paymentStatus !== "initialized" && order.paymentStatus !== "uncleared") {
    throw new ControlError(
      `Order ${order.orderId} is "${order.paymentStatus}"; only an open payment can be paid`,
    )
  }
  if (
    options.gateway !== undefined &&
    (typeof options.gateway !== "string" || options.gateway === "")
  ) {
    throw new ControlError("gateway must be a gateway code such as IDEAL")
  }
  const gateway = options.gateway ?? order.gateway
  if (isPayLaterGateway(gateway) && order.cart === null) {
    throw new ControlError(
      `${gateway} needs a shopping cart, and order ${order.orderId} was created without one`,
    )
  }
  order.gateway = gateway
  order.paymentStatus = outcome
  if (outcome === "completed" && order.manualCapture) order.captureRemain = order.amount
  state.changed(order)
}
