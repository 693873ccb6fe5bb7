/**
 * Webhook bodies (wire contract "Webhooks"). Optty documents the events ORDER_STATUS_UPDATE and
 * ORDER_ASYNC_CALLBACK with `event`, `status` and `transactionId`; the other field names are the
 * sandbox's assumption. Amounts are 2-decimal strings as in the details call.
 */
import { formatCents } from "../money/amounts"
import type { OpttyOrderState, StoredRefund } from "../state/order-model"

export function paymentWebhookBody(order: OpttyOrderState): Record<string, unknown> {
  return {
    event: "ORDER_STATUS_UPDATE",
    orderReference: order.orderReference,
    status: order.status,
    transactionId: order.bnplOrderId,
    bnplProvider: order.provider,
    amount: formatCents(order.orderAmountCents),
    currency: order.currency,
  }
}

export function refundWebhookBody(
  order: OpttyOrderState,
  refund: StoredRefund,
): Record<string, unknown> {
  return {
    event: "ORDER_ASYNC_CALLBACK",
    type: "REFUND",
    orderReference: order.orderReference,
    refundReference: refund.refundId,
    status: refund.status,
    transactionId: refund.bnplRefundId,
    amount: formatCents(refund.amountCents),
    currency: refund.currency,
    ...(refund.status === "FAILED" ? { refundFailureReason: refund.refundFailureReason } : {}),
  }
}
