/**
 * What control calls take as `ref` (README: Control API): an order id, a checkout session id,
 * or an order's `reference` — the Medusa payment session id the provider puts there
 * (docs/gateways/smartpay.md#checkout-session-request), the newest order first — and for refunds
 * a refund id, the Idempotency-Key it was made under, or its `reference`.
 */
import { ControlError } from "../errors"
import type { StoredOrder, StoredRefund } from "../state/model"
import type { SandboxState } from "../state/sandbox-state"

export function findOrder(state: SandboxState, ref: string): StoredOrder | undefined {
  const byId = state.orders.get(ref) ?? state.orders.get(state.checkoutSessions.get(ref) ?? "")
  if (byId) return byId
  return [...state.orders.values()].reverse().find((order) => order.reference === ref)
}

export function orderOrThrow(state: SandboxState, ref: string): StoredOrder {
  const order = findOrder(state, ref)
  if (!order) throw new ControlError(`Unknown order ${ref}`, 404)
  return order
}

export function refundOrThrow(state: SandboxState, ref: string): StoredRefund {
  const refunds = [...state.refunds.values()]
  const refund =
    state.refunds.get(ref) ??
    refunds.find((candidate) => candidate.idempotencyKey === ref) ??
    refunds.find((candidate) => candidate.reference === ref)
  if (!refund) throw new ControlError(`Unknown refund ${ref}`, 404)
  return refund
}
