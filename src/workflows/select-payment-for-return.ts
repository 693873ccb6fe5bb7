import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import {
  noRefundablePaymentMessage,
  paymentNotOfOrderMessage,
  refundTargetNotFoundMessage,
} from "../core/messages"
import { exactDecimal } from "./utils/exact-decimal"

type Row = Record<string, any>

/** Captured minus refunded: what is left to refund on a payment. */
function refundable(payment: Row) {
  return MathBN.sub(
    MathBN.sum(...(payment.captures ?? []).map((c: Row) => exactDecimal(c, "amount"))),
    MathBN.sum(...(payment.refunds ?? []).map((r: Row) => exactDecimal(r, "amount"))),
  )
}

/**
 * Which of an order's payments a refund goes to: the one named (it must belong to the order),
 * else the captured payment with the most left to refund.
 */
export async function selectRefundPayment(
  container: MedusaContainer,
  orderId: string,
  paymentId?: string,
  /** orAnyCaptured: when no payment has anything left, a captured one (to show its refunds) */
  options: { orAnyCaptured?: boolean } = {},
): Promise<string> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "payment_collections.payments.id",
      "payment_collections.payments.captures.*",
      "payment_collections.payments.refunds.*",
    ],
    filters: { id: orderId },
  })
  if (!order) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      refundTargetNotFoundMessage("order", orderId),
    )
  }
  const payments: Row[] = ((order as Row).payment_collections ?? []).flatMap(
    (collection: Row) => collection?.payments ?? [],
  )
  if (paymentId) {
    if (!payments.some((p) => p.id === paymentId)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        paymentNotOfOrderMessage({ payment_id: paymentId, order_id: orderId }),
      )
    }
    return paymentId
  }
  const best = payments
    .filter((p) => refundable(p).gt(0))
    .sort((a, b) => refundable(b).comparedTo(refundable(a)) ?? 0)[0]
  if (!best && options.orAnyCaptured) {
    // nothing left to refund, but what was refunded is still worth showing
    const captured = payments.find((p) => (p.captures ?? []).length > 0)
    if (captured) return captured.id
  }
  if (!best) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, noRefundablePaymentMessage(orderId))
  }
  return best.id
}

/** The payment a return is refunded on (see selectRefundPayment). */
export async function selectPaymentForReturn(
  container: MedusaContainer,
  returnId: string,
  paymentId?: string,
): Promise<string> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [ret],
  } = await query.graph({ entity: "return", fields: ["id", "order_id"], filters: { id: returnId } })
  if (!ret) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      refundTargetNotFoundMessage("return", returnId),
    )
  }
  return selectRefundPayment(container, (ret as Row).order_id, paymentId)
}
