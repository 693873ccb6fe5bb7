import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { nothingToCaptureMessage, paidNotCancellableMessage } from "../../../core/messages"
import { MultiSafepayClient } from "../api/multisafepay-client"
import { MspOrder } from "../api/schemas"
import { isPayLater } from "../gateways"
import { awaitsCapture, paymentStatus } from "../statuses"

/**
 * Pay-later orders are captured by marking them shipped (MultiSafepay then invoices the
 * shopper); manual-capture cards by capturing what remains. Anything else was captured at
 * payment. Repeating a capture is harmless: the order's state decides. Returns the order as it
 * is after the capture; refuses when it is not captured (an expired Klarna reservation, an order
 * cancelled at MultiSafepay), since Medusa books the capture when this returns.
 */
export async function captureMspOrder(
  client: MultiSafepayClient,
  orderId: string,
  today: Date = new Date(),
): Promise<MspOrder> {
  let order = await client.getOrder(orderId)
  if (awaitsCapture(order) && order.status === "completed") {
    if (isPayLater(order.payment_details?.type)) {
      await client.updateOrder(orderId, {
        status: "shipped",
        ship_date: today.toISOString().slice(0, 10),
      })
    } else {
      await client.captureOrder(orderId, {
        amount: order.payment_details?.capture_remain ?? order.amount,
        new_order_status: "completed",
        reason: "Captured in Medusa",
        description: `Capture of ${orderId}`,
      })
    }
    order = await client.getOrder(orderId)
  }
  if (paymentStatus(order) !== PaymentSessionStatus.CAPTURED) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      nothingToCaptureMessage({
        gateway: "MultiSafepay",
        status: order.status,
        reference: orderId,
      }),
    )
  }
  return order
}

/**
 * Cancels what has not been captured; a captured payment is refunded instead, never voided.
 * Returns the order as it is afterwards.
 */
export async function cancelMspOrder(
  client: MultiSafepayClient,
  orderId: string,
): Promise<MspOrder> {
  const order = await client.getOrder(orderId)
  const status = paymentStatus(order)
  if (status === PaymentSessionStatus.CANCELED || status === PaymentSessionStatus.ERROR) {
    return order
  }
  if (status === PaymentSessionStatus.CAPTURED) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      paidNotCancellableMessage({ gateway: "MultiSafepay", reference: orderId }),
    )
  }
  if (order.payment_details?.capture === "manual" && order.status === "completed") {
    await client.cancelAuthorization(orderId, {
      status: "cancelled",
      reason: "Cancelled in Medusa",
    })
  } else {
    await client.updateOrder(orderId, { status: "cancelled", exclude_order: true })
  }
  return client.getOrder(orderId)
}
