/**
 * The shopper finishes on the hosted checkout (docs/gateways/smartpay.md#checkout-session-request):
 * authorised → order.authorized (and with captureMethod automatic one payment of the whole
 * amount, payment.created), the shopper sent to successUrl; rejected → order.rejected, sent to
 * cancelUrl. The URLs are used as given: Smartpay documents no parameters it adds (ours).
 */
import { authorize, reject } from "../api/order-lifecycle"
import { ControlError } from "../errors"
import type { PaymentOutcome, PayOptions } from "../sandbox-types"
import type { StoredOrder } from "../state/model"
import type { SandboxState } from "../state/sandbox-state"

export function payOrder(
  state: SandboxState,
  order: StoredOrder,
  options: PayOptions = {},
): string {
  const outcome: PaymentOutcome = options.outcome ?? "authorized"
  if (outcome !== "authorized" && outcome !== "rejected") {
    throw new ControlError('outcome must be "authorized" or "rejected"')
  }
  if (order.status !== "requires_authorization") {
    throw new ControlError(
      `Order ${order.id} is ${order.status}; only an order in requires_authorization can be paid`,
    )
  }
  if (outcome === "authorized") {
    authorize(state, order)
    return order.successUrl
  }
  reject(state, order)
  return order.cancelUrl
}
