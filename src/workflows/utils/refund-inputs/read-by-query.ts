import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { OrderRow, PaymentRows, RefundInputsReader, Row } from "./rows"

/** The payment: what the plan and the refund need of it, and its Medusa refunds so far. */
const PAYMENT_FIELDS = [
  "id",
  "amount",
  "raw_amount",
  "currency_code",
  "provider_id",
  "data",
  "payment_collection_id",
  "refunds.id",
  "refunds.amount",
  "refunds.raw_amount",
  "captures.amount",
  "captures.raw_amount",
]

// Wildcards on nested relations: Query leaves out nested big-number fields (quantities, prices,
// rates) when they are named one by one, but returns them, with their exact raw twins, for `*`.
const ORDER_FIELDS = [
  "id",
  "display_id",
  "currency_code",
  "summary.*",
  "items.*",
  "items.tax_lines.*",
  "items.adjustments.*",
  "shipping_methods.*",
  "shipping_methods.tax_lines.*",
  "shipping_methods.adjustments.*",
  "returns.*",
  "returns.items.*",
]

/**
 * Refund inputs read through Medusa's Query, module by module: the payment, its order's id (the
 * link), the order. The reader of record when Medusa's order tables are not the ones
 * read-by-sql.ts was written for (order-tables.ts), and the oracle the plain SQL reads are
 * checked against (integration-tests/support/refund-inputs-agree.ts).
 */
export function queryRefundInputsReader(container: MedusaContainer): RefundInputsReader {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  return {
    async payment(paymentId: string): Promise<PaymentRows | null> {
      const {
        data: [payment],
      } = await query.graph({
        entity: "payment",
        fields: PAYMENT_FIELDS,
        filters: { id: paymentId },
      })
      if (!payment) return null
      const {
        data: [link],
      } = await query.graph({
        entity: "order_payment_collection",
        fields: ["order_id"],
        filters: { payment_collection_id: (payment as Row).payment_collection_id },
      })
      return {
        payment: payment as Row,
        refunds: (payment as Row).refunds ?? [],
        captures: (payment as Row).captures ?? [],
        order_id: ((link as Row | undefined)?.order_id as string | undefined) ?? null,
      }
    },
    async order(orderId: string): Promise<OrderRow | null> {
      const {
        data: [order],
      } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: orderId } })
      return (order as OrderRow | undefined) ?? null
    },
  }
}
