import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { exactDecimal } from "./utils/exact-decimal"

type Row = Record<string, any>

/**
 * Which payment a return is refunded on: the one named (it must belong to the return's order),
 * else the order's captured payment with the most left to refund.
 */
export async function selectPaymentForReturn(
  container: MedusaContainer,
  returnId: string,
  paymentId?: string,
): Promise<string> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [ret],
  } = await query.graph({
    entity: "return",
    fields: [
      "id",
      "order.id",
      "order.payment_collections.payments.id",
      "order.payment_collections.payments.captures.*",
      "order.payment_collections.payments.refunds.*",
    ],
    filters: { id: returnId },
  })
  if (!ret) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Return ${returnId} was not found`)
  const payments: Row[] = ((ret as Row).order?.payment_collections ?? []).flatMap(
    (collection: Row) => collection?.payments ?? [],
  )
  if (paymentId) {
    if (!payments.some((p) => p.id === paymentId)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Payment ${paymentId} does not belong to the order of return ${returnId}`,
      )
    }
    return paymentId
  }
  const refundable = (p: Row) =>
    MathBN.sub(
      MathBN.sum(...(p.captures ?? []).map((c: Row) => exactDecimal(c, "amount"))),
      MathBN.sum(...(p.refunds ?? []).map((r: Row) => exactDecimal(r, "amount"))),
    )
  const best = payments
    .filter((p) => refundable(p).gt(0))
    .sort((a, b) => refundable(b).comparedTo(refundable(a)) ?? 0)[0]
  if (!best) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `The order of return ${returnId} has no captured payment left to refund`,
    )
  }
  return best.id
}
