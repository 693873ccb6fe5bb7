import { MedusaError } from "@medusajs/framework/utils"
import { nothingToCaptureMessage } from "../../../core/messages"
import { GATEWAY } from "../api/read-error"
import { SmartpayOrder, SmartpayPayment } from "../api/schemas"
import { SmartpayClient } from "../api/smartpay-client"
import { CURRENCY } from "../checkout/build-checkout-session"

export interface CaptureResult {
  order: SmartpayOrder
  payments: SmartpayPayment[]
  /** the payment this capture made, null when everything was captured already */
  captured: SmartpayPayment | null
}

/** What the order's payments captured so far, whole yen. */
export function capturedYen(payments: readonly SmartpayPayment[]): number {
  return payments.reduce((sum, p) => sum + p.amount, 0)
}

/**
 * A capture (docs/gateways/smartpay.md#capture): `POST /payments {order, amount, currency,
 * cancelRemainder}`. Medusa 2.21 passes no amount, so what is authorised and not yet captured is
 * captured. The order is read first, so a capture that already happened (a retry after a lost
 * answer, or Smartpay's automatic capture) is never made twice; the Idempotency-Key is derived
 * from the order and what was captured before it, so the same retry within 6 h is a replay.
 * A capture of less than the rest (`amountYen`) keeps the rest (`cancelRemainder: "manual"`).
 */
export async function captureOrder(input: {
  client: SmartpayClient
  orderId: string
  amountYen?: number | null
}): Promise<CaptureResult> {
  const { client, orderId } = input
  const read = await client.readOrderWithPayments(orderId)
  const done = capturedYen(read.payments)
  const rest = read.order.amount - done
  if (
    read.order.status === "succeeded" ||
    (read.order.status === "requires_capture" && rest <= 0)
  ) {
    return { ...read, captured: null }
  }
  if (read.order.status !== "requires_capture") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      nothingToCaptureMessage({ gateway: GATEWAY, status: read.order.status, reference: orderId }),
    )
  }
  const amount =
    input.amountYen != null && input.amountYen > 0 ? Math.min(input.amountYen, rest) : rest
  const captured = await client.capture(
    {
      order: orderId,
      amount,
      currency: CURRENCY,
      cancelRemainder: amount < rest ? "manual" : "automatic",
    },
    `capture-${orderId}-${done}-${amount}`,
  )
  return { order: read.order, payments: [...read.payments, captured], captured }
}

/** docs/gateways/smartpay.md#cancellation; one key per order: cancelling twice is one cancel. */
export function cancelOrder(client: SmartpayClient, orderId: string): Promise<SmartpayOrder> {
  return client.cancelOrder(orderId, `cancel-${orderId}`)
}
