/**
 * The order as the details call answers it. Amounts are 2-decimal strings here (Optty's docs:
 * "amounts come back as strings"); built fresh each time from the stored state.
 */
import { formatCents } from "../money/amounts"
import type { OpttyOrderDetailsJson, OpttyRefundJson } from "../sandbox-types"
import type { OpttyOrderState, StoredRefund } from "./order-model"

export function renderRefund(refund: StoredRefund): OpttyRefundJson {
  return {
    refundId: refund.refundId,
    amount: formatCents(refund.amountCents),
    currency: refund.currency,
    status: refund.status,
    createdAt: refund.createdAt,
    refundReason: refund.refundReason,
    refundFailureReason: refund.refundFailureReason,
  }
}

export function renderDetails(order: OpttyOrderState): OpttyOrderDetailsJson {
  return {
    orderReference: order.orderReference,
    merchantId: order.merchantId,
    status: order.status,
    provider: order.provider,
    bnplOrderId: order.bnplOrderId,
    orderAmount: formatCents(order.orderAmountCents),
    surchargeAmount: formatCents(order.surchargeCents),
    currency: order.currency,
    transactionHistory: order.transactionHistory.map((entry) => ({ ...entry })),
    refunds: order.refunds.map(renderRefund),
    orderCaptures: order.captures.map((capture) => ({
      captureId: capture.captureId,
      captureReference: capture.captureReference,
      amount: formatCents(capture.amountCents),
      currency: order.currency,
      createdAt: capture.createdAt,
    })),
    orderVoids: order.voids.map((voided) => ({
      voidedId: voided.voidedId,
      voidReference: voided.voidReference,
      amount: formatCents(voided.amountCents),
      currency: order.currency,
      createdAt: voided.createdAt,
    })),
  }
}
