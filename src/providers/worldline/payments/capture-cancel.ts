import { createHash } from "node:crypto"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { nothingToCaptureMessage, paidNotCancellableMessage } from "../../../core/messages"
import { GatewayError } from "../../../gateway-kit"
import { WorldlineOrder } from "../api/schemas"
import { WorldlineClient } from "../api/worldline-client"
import { toJsonText, worldlineAmount } from "../money"
import { authorizedMinor, capturedMinor, isType, paymentStatus } from "../statuses"

const digest = (...parts: Array<string | number>) =>
  createHash("sha256").update(parts.join("|")).digest("hex").slice(0, 36)

/**
 * A capture's request id, stable for the same order, what was captured before and the amount
 * asked (null: the rest): a retry of the same capture is answered with the first one's result.
 */
export function captureRequestId(
  orderId: string,
  capturedBeforeMinor: number,
  amountMinor: number | null,
): string {
  return `cap_${digest(orderId, capturedBeforeMinor, amountMinor ?? "rest")}`
}

/** The cancel's request id: one per order (a cancel is retry-safe under it). */
export function cancelRequestId(orderId: string): string {
  return `cnl_${digest(orderId, "cancel")}`
}

/**
 * Captures the authorised order (docs/gateways/worldline.md#orders-and-payments): the rest (no
 * amount) unless `amountMinor` is less than what remains and partial captures are on. The order
 * is read first (a capture made already is not repeated) and again after, since Medusa books the
 * capture when this returns.
 */
export async function captureWorldlineOrder(input: {
  client: WorldlineClient
  orderId: string
  amountMinor: number | null
  partialCaptures: boolean
}): Promise<WorldlineOrder> {
  const { client, orderId } = input
  let order = await client.readOrder(orderId)
  const status = paymentStatus(order)
  const captured = capturedMinor(order)
  const remaining = authorizedMinor(order) - captured
  if (status === PaymentSessionStatus.CAPTURED && remaining <= 0) return order
  if (
    remaining <= 0 ||
    (status !== PaymentSessionStatus.AUTHORIZED && status !== PaymentSessionStatus.CAPTURED)
  ) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      nothingToCaptureMessage({
        gateway: "Worldline",
        status: order.orderState,
        reference: orderId,
      }),
    )
  }
  const partial =
    input.partialCaptures &&
    input.amountMinor !== null &&
    input.amountMinor > 0 &&
    input.amountMinor < remaining
      ? input.amountMinor
      : null
  const requestId = captureRequestId(orderId, captured, partial)
  const currency = order.orderAmount.currency
  const jsonText = toJsonText({
    requestId,
    ...(partial !== null ? { amount: worldlineAmount(partial, currency) } : {}),
  })
  let lost: GatewayError | null = null
  try {
    await client.capture(orderId, jsonText)
  } catch (error) {
    // a lost answer: the read next tells whether it was captured
    if (!(error instanceof GatewayError && error.ambiguous)) throw error
    lost = error
  }
  order = await client.readOrder(orderId)
  const made = order.transactions.some(
    (t) =>
      isType(t, "capture") && t.requestId === requestId && t.state.toLowerCase() !== "declined",
  )
  if (capturedMinor(order) > captured || made) return order
  if (lost) throw lost
  throw new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    nothingToCaptureMessage({ gateway: "Worldline", status: order.orderState, reference: orderId }),
  )
}

/**
 * Cancels an order nothing of which is captured (docs/gateways/worldline.md#orders-and-payments);
 * a captured payment is refunded instead. An order already cancelled or failed is left as it is.
 */
export async function cancelWorldlineOrder(
  client: WorldlineClient,
  orderId: string,
): Promise<WorldlineOrder> {
  const order = await client.readOrder(orderId)
  const status = paymentStatus(order)
  if (status === PaymentSessionStatus.CAPTURED) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      paidNotCancellableMessage({ gateway: "Worldline", reference: orderId }),
    )
  }
  if (status !== PaymentSessionStatus.AUTHORIZED && status !== PaymentSessionStatus.PENDING) {
    return order
  }
  try {
    await client.cancel(orderId, toJsonText({ requestId: cancelRequestId(orderId) }))
  } catch (error) {
    // retry-safe under its request id: once more after a lost answer
    if (!(error instanceof GatewayError && error.ambiguous)) throw error
    await client.cancel(orderId, toJsonText({ requestId: cancelRequestId(orderId) }))
  }
  return client.readOrder(orderId)
}
