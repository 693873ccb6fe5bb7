/**
 * How an order's status moves (docs/gateways/smartpay.md#order-statuses), and the events each
 * move sends (docs/gateways/smartpay.md#webhooks):
 * requires_authorization → requires_capture (authorised, manual capture) | succeeded (automatic
 * capture: one payment of the whole amount) | rejected | canceled;
 * requires_capture → succeeded (captured in full, or a capture ended the rest) | canceled
 * (cancellation or 7 days without capture, nothing captured). Ending the rest of a partly
 * captured order leaves it succeeded (ours).
 */
import type { Yen } from "../money/yen"
import { emit } from "../notifications/events"
import type { CancelRemainder, Metadata } from "../sandbox-types"
import { capturedYen } from "../state/amounts"
import { newId } from "../state/ids"
import type { StoredOrder, StoredPayment } from "../state/model"
import type { SandboxState } from "../state/sandbox-state"

function touch(state: SandboxState, order: StoredOrder): void {
  order.updatedAt = state.nowMs()
}

export interface NewPayment {
  amount: Yen
  cancelRemainder: CancelRemainder
  lineItemIds: string[] | null
  reference: string | null
  description: string | null
  metadata: Metadata
}

/** A capture: one payment; the order is succeeded when it is fully captured or the rest ends. */
export function addPayment(
  state: SandboxState,
  order: StoredOrder,
  fields: NewPayment,
): StoredPayment {
  const now = state.nowMs()
  const payment: StoredPayment = {
    id: newId("payment"),
    orderId: order.id,
    amount: fields.amount,
    cancelRemainder: fields.cancelRemainder,
    // ours: a capture naming no lines covers every line of the order
    lineItemIds: fields.lineItemIds ?? order.lineItems.map((item) => item.id),
    reference: fields.reference,
    description: fields.description,
    metadata: fields.metadata,
    refundIds: [],
    createdAt: now,
    updatedAt: now,
  }
  state.payments.set(payment.id, payment)
  order.paymentIds.push(payment.id)
  const rest = order.amount - capturedYen(state, order)
  if (rest === 0 || fields.cancelRemainder === "automatic") {
    order.remainderCanceled = rest > 0
    order.status = "succeeded"
  }
  touch(state, order)
  emit(state, "payment.created", { kind: "payment", payment })
  return payment
}

export function authorize(state: SandboxState, order: StoredOrder): void {
  order.status = "requires_capture"
  order.authorizedAt = state.nowMs()
  order.updatedAt = order.authorizedAt
  emit(state, "order.authorized", { kind: "order", order })
  if (order.captureMethod === "automatic") {
    addPayment(state, order, {
      amount: order.amount,
      cancelRemainder: "automatic",
      lineItemIds: null,
      reference: null,
      description: null,
      metadata: {},
    })
  }
}

export function reject(state: SandboxState, order: StoredOrder): void {
  order.status = "rejected"
  touch(state, order)
  emit(state, "order.rejected", { kind: "order", order })
}

/** Cancellation and expiry: nothing captured → canceled; else the rest ends, succeeded. */
export function endRemainder(state: SandboxState, order: StoredOrder): void {
  touch(state, order)
  if (order.paymentIds.length === 0) {
    order.status = "canceled"
    emit(state, "order.canceled", { kind: "order", order })
    return
  }
  order.remainderCanceled = true
  order.status = "succeeded"
}

/**
 * Authorised orders not captured in time are canceled (doc: 7 days), judged on the sandbox
 * clock whenever the API or control looks at orders, so moving the clock is enough.
 */
export function expireOrders(state: SandboxState): void {
  const now = state.nowMs()
  for (const order of state.orders.values()) {
    if (
      order.status === "requires_capture" &&
      order.authorizedAt !== null &&
      now >= order.authorizedAt + state.config.authorizationLifetimeMs
    ) {
      endRemainder(state, order)
    }
  }
}
