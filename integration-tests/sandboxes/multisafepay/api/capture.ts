import { ErrorCode, mspError } from "../errors"
import { orderStatus } from "../state/order-status"
import { SandboxState } from "../state/sandbox-state"
import { isMinorAmount, optionalString, orderIdField, requireBody } from "./request-fields"

/**
 * POST /orders/{id}/capture: capture (part of) a manual-capture authorisation. A capture with
 * a new_order_id makes that id an alias of the order, so it can be fetched and refunded.
 */
export function captureOrder(
  state: SandboxState,
  orderId: string,
  rawBody: unknown,
): { transaction_id: number; order_id: string } {
  const order = state.requireOrder(orderId)
  const body = requireBody(rawBody)
  if (!order.manualCapture) {
    throw mspError(
      ErrorCode.GENERIC,
      'Capture is only possible for orders created with capture "manual"',
    )
  }
  const remain = order.captureRemain ?? 0
  if (orderStatus(order) !== "completed" || remain <= 0) {
    throw mspError(ErrorCode.GENERIC, "Nothing to capture: the order is not an open authorisation")
  }
  if (!isMinorAmount(body.amount) || body.amount <= 0) {
    throw mspError(
      ErrorCode.INVALID_AMOUNT,
      "Invalid amount: a positive integer in minor units is required",
    )
  }
  if (body.amount > remain) {
    throw mspError(
      ErrorCode.GENERIC,
      `Capture amount ${body.amount} exceeds the amount still capturable (${remain})`,
    )
  }
  const newOrderId =
    body.new_order_id === undefined || body.new_order_id === null
      ? null
      : orderIdField(body.new_order_id, "new_order_id")
  if (newOrderId !== null && state.isOrderIdTaken(newOrderId)) {
    throw mspError(ErrorCode.GENERIC, "Order ID already exists")
  }
  const capture = {
    id: state.nextId(),
    amount: body.amount,
    orderId: newOrderId ?? order.orderId,
    status: "completed" as const,
    reason: optionalString(body, "reason", 200),
    description: optionalString(body, "description", 200),
    created: state.now(),
  }
  order.captures.push(capture)
  order.captureRemain = remain - body.amount
  if (newOrderId !== null) state.aliases.set(newOrderId, order.orderId)
  state.changed(order)
  return { transaction_id: capture.id, order_id: capture.orderId }
}

/**
 * PATCH /capture/{id} { status: "cancelled" }: release the rest of an authorisation. With
 * nothing captured yet the order becomes "void"; otherwise only the remainder is released.
 */
export function cancelAuthorization(state: SandboxState, orderId: string, rawBody: unknown): void {
  const order = state.requireOrder(orderId)
  const body = requireBody(rawBody)
  if (body.status !== "cancelled") {
    throw mspError(ErrorCode.GENERIC, 'Unsupported capture update: status must be "cancelled"')
  }
  if (
    !order.manualCapture ||
    orderStatus(order) !== "completed" ||
    (order.captureRemain ?? 0) <= 0
  ) {
    throw mspError(
      ErrorCode.GENERIC,
      "Cannot cancel the authorisation: there is no open authorisation on this order",
    )
  }
  if (order.captures.length === 0) order.paymentStatus = "void"
  order.captureRemain = 0
  state.changed(order)
}
