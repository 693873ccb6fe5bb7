/**
 * POST /payments (a capture) and GET /payments/{id} (docs/gateways/smartpay.md#capture).
 * Checks in this order: fields (400), the order (404 order.not-found), its status (403
 * order.cannot-capture), the lines (400), the amount (403 payment.excessive-amount).
 */
import { CODES, forbidden, invalid, notFound } from "../errors"
import type { CancelRemainder } from "../sandbox-types"
import { capturableYen } from "../state/amounts"
import type { StoredPayment } from "../state/model"
import { renderPayment } from "../state/render"
import type { SandboxState } from "../state/sandbox-state"
import { addPayment } from "./order-lifecycle"
import { requireOrder } from "./orders"
import {
  lineItemIdsOf,
  metadataOf,
  optionalString,
  requiredCurrency,
  requiredString,
  requireBody,
  yenOf,
} from "./validation"

const REMAINDERS: readonly CancelRemainder[] = ["automatic", "manual"]

export function requirePayment(state: SandboxState, id: string): StoredPayment {
  const payment = state.payments.get(id)
  if (!payment) throw notFound(CODES.paymentNotFound, `No payment ${id}`)
  return payment
}

export function createPayment(state: SandboxState, raw: unknown) {
  const body = requireBody(raw)
  const orderId = requiredString(body, "order")
  const amount = yenOf(body.amount, "amount")
  requiredCurrency(body, "currency")
  const cancelRemainder = (body.cancelRemainder ?? "automatic") as CancelRemainder
  if (!REMAINDERS.includes(cancelRemainder)) {
    throw invalid(`cancelRemainder must be one of ${REMAINDERS.join(", ")}`)
  }
  const reference = optionalString(body, "reference", { min: 1, max: 40 })
  const description = optionalString(body, "description", { min: 1, max: 80 })
  const metadata = metadataOf(body)
  const order = requireOrder(state, orderId)
  if (order.status !== "requires_capture") {
    throw forbidden(CODES.cannotCapture, `Order ${orderId} is ${order.status}: nothing to capture`)
  }
  const lineItemIds = lineItemIdsOf(
    body,
    order.lineItems.map((item) => item.id),
    `order ${orderId}`,
  )
  const capturable = capturableYen(state, order)
  if (amount > capturable) {
    throw forbidden(
      CODES.excessiveAmount,
      `A payment of ${amount} exceeds the ${capturable} JPY left to capture on order ${orderId}`,
    )
  }
  const payment = addPayment(state, order, {
    amount,
    cancelRemainder,
    lineItemIds,
    reference,
    description,
    metadata,
  })
  return { status: 200, body: renderPayment(state, payment) }
}

export function getPayment(state: SandboxState, id: string) {
  return { status: 200, body: renderPayment(state, requirePayment(state, id)) }
}
