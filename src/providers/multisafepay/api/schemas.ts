import { z } from "zod"
import { CURRENCY_CODE } from "../../../core/money"

/** A gateway body naming no ISO 4217 currency is not one of its answers: it is refused whole. */
const currency = z.string().regex(CURRENCY_CODE, "must be an ISO 4217 currency code")

/**
 * The parts of MultiSafepay's answers we rely on, parsed defensively: GET returns unit prices as
 * strings, ids sometimes as numbers, and fields we don't use are kept but not checked.
 */
const idString = z.union([z.string(), z.number()]).transform(String)
const decimalish = z.union([z.string(), z.number()]).transform(String)

export const cartItemSchema = z
  .object({
    name: z.string().nullish(),
    description: z.string().nullish(),
    unit_price: decimalish,
    quantity: z.union([z.number(), z.string()]).transform(Number),
    merchant_item_id: idString,
    tax_table_selector: z.string().nullish(),
  })
  .loose()
export type MspCartItem = z.infer<typeof cartItemSchema>

const taxTableSchema = z
  .object({
    name: z.string(),
    rules: z.array(z.object({ rate: decimalish }).loose()).default([]),
  })
  .loose()

export const relatedTransactionSchema = z
  .object({
    type: z.string(),
    status: z.string(),
    amount: z.union([z.number(), z.string()]).transform(Number),
    currency: currency.nullish(),
    transaction_id: idString,
    refund_order_id: z.string().nullish(),
    order_id: z.string().nullish(),
    created: z.string().nullish(),
    description: z.string().nullish(),
    /**
     * why a refund failed, when MultiSafepay gives one
     * (docs/gateways/multisafepay.md#notifications)
     */
    reason: z.string().nullish(),
  })
  .loose()
export type MspRelatedTransaction = z.infer<typeof relatedTransactionSchema>

export const orderSchema = z
  .object({
    order_id: idString,
    transaction_id: idString.nullish(),
    status: z.string(),
    financial_status: z.string().nullish(),
    currency: currency,
    amount: z.number(),
    amount_refunded: z.number().nullish(),
    payment_details: z
      .object({
        type: z.string().nullish(),
        capture: z.string().nullish(),
        capture_remain: z.number().nullish(),
      })
      .loose()
      .nullish(),
    shopping_cart: z
      .object({ items: z.array(cartItemSchema).default([]) })
      .loose()
      .nullish(),
    checkout_options: z
      .object({
        // GET answers without the `tax_tables` wrapper; accept both shapes
        alternate: z.array(taxTableSchema).nullish(),
        tax_tables: z
          .object({ alternate: z.array(taxTableSchema).nullish() })
          .loose()
          .nullish(),
      })
      .loose()
      .nullish(),
    related_transactions: z.array(relatedTransactionSchema).nullish(),
  })
  .loose()
export type MspOrder = z.infer<typeof orderSchema>

export function envelope<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), data }).loose()
}

export const createOrderResponse = envelope(
  z.object({ order_id: idString, payment_url: z.string() }).loose(),
)
export const orderResponse = envelope(orderSchema)
/** refund answers vary (and Magento met a null `data`): keep both ids when present */
export const refundResponse = envelope(
  z.object({ refund_id: idString.nullish(), transaction_id: idString.nullish() }).loose().nullish(),
)
export const anyResponse = envelope(z.unknown())

export const errorEnvelope = z
  .object({
    success: z.literal(false),
    error_code: z.union([z.number(), z.string()]).nullish(),
    error_info: z.string().nullish(),
  })
  .loose()
