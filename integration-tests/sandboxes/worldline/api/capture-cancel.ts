/**
 * Captures and cancels (docs/gateways/worldline.md#orders-and-payments). A capture takes the rest
 * when it has no amount; several partial captures only for partialCaptureMethodIds (others
 * capture once, in full: 22044, ours); over what is left 22042 (ours); after a cancel 22044.
 * A cancel is allowed only before any capture (22044). Both are retry-safe under requestId: the
 * same id and parameters answer the original result (200), other parameters 11001.
 */
import { businessRule, duplicate, invalidInput, STATUS } from "../errors"
import { formatMinor } from "../money/amounts"
import { orderChanged } from "../notifications/notifications"
import type { StoredOrder, StoredTransaction } from "../state/order-model"
import { capturedMinor, uncapturedMinor } from "../state/order-amounts"
import { renderOrder } from "../state/render-order"
import type { SandboxState } from "../state/sandbox-state"
import { addTransaction, transactionsById } from "./transactions"
import { amountOf, requestIdOf, requireBody } from "./validation"
import type { Operation } from "../state/request-ids"

function replayed(
  state: SandboxState,
  order: StoredOrder,
  operation: Operation,
  requestId: string,
  fingerprint: string,
) {
  const stored = state.requestIds.find(operation, requestId)
  if (!stored) return null
  if (stored.fingerprint !== fingerprint) {
    throw duplicate(`requestId ${requestId} was already used with other parameters`)
  }
  const original = state.requireOrder(stored.orderId)
  return {
    status: 200,
    body: renderOrder(
      original,
      state.isPartialCapture(original),
      transactionsById(original, stored.transactionIds),
    ),
  }
}

function authorizationOf(order: StoredOrder) {
  return order.transactions.find(
    (t) => t.transactionType === "Authorization" && t.state === "Processed",
  )
}

/**
 * A Processed Capture of `amount` (null: the rest) after Worldline's capture rules; a refusal
 * throws its business-rule error. The API's captures and the portal's (control) both use it.
 */
export function makeCapture(
  state: SandboxState,
  order: StoredOrder,
  amount: { minor: number; currency: string } | null,
  requestId: string | null,
  description: string,
): StoredTransaction {
  const orderId = order.orderId
  const authorization = authorizationOf(order)
  if (order.orderState === "Cancelled") {
    throw businessRule(STATUS.stateForbids, `Order ${orderId} is cancelled`)
  }
  if (!authorization) {
    throw businessRule(STATUS.stateForbids, `Order ${orderId} has no processed authorisation`)
  }
  if (amount && amount.currency !== order.currency) {
    throw businessRule(
      STATUS.currencyMismatch,
      `Currency ${amount.currency} is not the order's ${order.currency}`,
    )
  }
  const rest = uncapturedMinor(order)
  const wanted = amount?.minor ?? rest
  if (rest <= 0 || wanted > rest) {
    throw businessRule(
      STATUS.overCapture,
      `Capture of ${formatMinor(wanted, order.currency)} exceeds the ${formatMinor(rest, order.currency)} authorised and not captured`,
    )
  }
  if (!state.isPartialCapture(order) && (capturedMinor(order) > 0 || wanted !== rest)) {
    throw businessRule(
      STATUS.stateForbids,
      `Payment method ${order.paymentMethodId} is captured once, in full`,
    )
  }
  return addTransaction(state, order, {
    transactionType: "Capture",
    state: "Processed",
    description,
    amountMinor: wanted,
    referenceTransactionId: authorization.transactionId,
    requestId,
  })
}

export function captureOrder(state: SandboxState, orderId: string, raw: unknown) {
  const body = requireBody(raw)
  const requestId = requestIdOf(body)
  const amount = body.amount === undefined ? null : amountOf(body.amount, "amount")
  const order = state.requireOrder(orderId)
  const fingerprint = JSON.stringify([orderId, amount?.minor ?? null, amount?.currency ?? null])
  const replay = replayed(state, order, "capture", requestId, fingerprint)
  if (replay) return replay

  const capture = makeCapture(state, order, amount, requestId, "Captured")
  state.requestIds.remember("capture", requestId, {
    fingerprint,
    orderId,
    transactionIds: [capture.transactionId],
  })
  orderChanged(state, order)
  return { status: 201, body: renderOrder(order, state.isPartialCapture(order), [capture]) }
}

export function cancelOrder(state: SandboxState, orderId: string, raw: unknown) {
  const body = requireBody(raw)
  const requestId = requestIdOf(body)
  if (body.amount !== undefined) throw invalidInput("a cancel takes no amount")
  const order = state.requireOrder(orderId)
  const replay = replayed(state, order, "cancel", requestId, JSON.stringify([orderId]))
  if (replay) return replay

  if (capturedMinor(order) > 0) {
    throw businessRule(STATUS.stateForbids, `Order ${orderId} is captured: it cannot be cancelled`)
  }
  if (order.orderState !== "Registered" && order.orderState !== "Pending payment") {
    throw businessRule(STATUS.stateForbids, `Order ${orderId} is ${order.orderState}`)
  }
  const authorization = authorizationOf(order)
  const cancel = addTransaction(state, order, {
    transactionType: "Cancel",
    state: "Processed",
    description: "Cancelled",
    amountMinor: authorization?.amountMinor ?? order.orderAmountMinor,
    referenceTransactionId: authorization?.transactionId ?? null,
    requestId,
  })
  order.orderState = "Cancelled"
  state.requestIds.remember("cancel", requestId, {
    fingerprint: JSON.stringify([orderId]),
    orderId,
    transactionIds: [cancel.transactionId],
  })
  orderChanged(state, order)
  return { status: 201, body: renderOrder(order, state.isPartialCapture(order), [cancel]) }
}
