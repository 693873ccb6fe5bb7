import { ErrorCode, mspError } from "../errors"
import { isActiveRefund, isPayLater, orderStatus } from "../state/order-status"
import { SandboxState } from "../state/sandbox-state"
import { optionalString, requireBody } from "./request-fields"

/**
 * PATCH /orders/{id}: mark a pay-later order shipped (this captures its funds and sends the
 * invoice), or cancel an order before shipment. Anything else is refused with 1000.
 */
export function updateOrder(state: SandboxState, orderId: string, rawBody: unknown): void {
  const order = state.requireOrder(orderId)
  const body = requireBody(rawBody)
  const status = orderStatus(order)

  if (body.status === "shipped") {
    if (!isPayLater(order)) {
      throw mspError(
        ErrorCode.GENERIC,
        `Only pay-later (shopping cart) orders can be marked shipped; this order's payment method is ${order.gateway ?? "not set"}`,
      )
    }
    if (status !== "completed") {
      throw mspError(
        ErrorCode.GENERIC,
        `Cannot mark the order shipped: its status is "${status}" (must be "completed")`,
      )
    }
    order.shipment = {
      tracktraceCode: optionalString(body, "tracktrace_code", 200),
      carrier: optionalString(body, "carrier", 200),
      shipDate: optionalString(body, "ship_date", 50),
      invoiceId: optionalString(body, "invoice_id", 200),
    }
    state.changed(order)
    return
  }

  if (body.status === "cancelled") {
    if (status !== "initialized" && status !== "completed") {
      throw mspError(ErrorCode.GENERIC, `Cannot cancel the order: its status is "${status}"`)
    }
    if (order.refunds.some(isActiveRefund)) {
      throw mspError(ErrorCode.GENERIC, "Cannot cancel the order: it has refunds")
    }
    order.paymentStatus = "cancelled"
    state.changed(order)
    return
  }

  throw mspError(
    ErrorCode.GENERIC,
    `Unsupported order update: status ${JSON.stringify(body.status)} (the sandbox supports "shipped" and "cancelled")`,
  )
}
