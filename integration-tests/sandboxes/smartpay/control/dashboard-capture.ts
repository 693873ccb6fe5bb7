/**
 * A capture made in Smartpay's dashboard (docs/gateways/smartpay.md#capture: "staff capturing
 * part in Smartpay's dashboard"): one payment of part of an authorised order that keeps the rest
 * capturable (`cancelRemainder: "manual"`), so the order holds several payments when Medusa
 * captures the rest. Medusa 2.21.2 gives the provider no amount on capture, so this is how an
 * order with two payments comes about. The API's capture rules apply; `payment.created` is sent
 * (while auto-notify is on), as for any capture.
 */
import { addPayment } from "../api/order-lifecycle"
import { ControlError } from "../errors"
import { isYen } from "../money/yen"
import type { DashboardCaptureOptions } from "../sandbox-types"
import { capturableYen } from "../state/amounts"
import type { StoredOrder, StoredPayment } from "../state/model"
import type { SandboxState } from "../state/sandbox-state"

export function dashboardCapture(
  state: SandboxState,
  order: StoredOrder,
  options: DashboardCaptureOptions,
): StoredPayment {
  if (!isYen(options.amount) || options.amount <= 0) {
    throw new ControlError("amount must be a positive integer of yen")
  }
  if (order.status !== "requires_capture") {
    throw new ControlError(`Order ${order.id} is ${order.status}: nothing to capture`)
  }
  const capturable = capturableYen(state, order)
  if (options.amount > capturable) {
    throw new ControlError(
      `A payment of ${options.amount} exceeds the ${capturable} JPY left to capture on order ${order.id}`,
    )
  }
  return addPayment(state, order, {
    amount: options.amount,
    cancelRemainder: "manual",
    lineItemIds: null,
    reference: null,
    description: "Captured in the Smartpay dashboard",
    metadata: {},
  })
}
