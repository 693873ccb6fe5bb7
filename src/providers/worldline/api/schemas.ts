import { z } from "zod"
import { CURRENCY_CODE } from "../../../core/money"

/**
 * What we read from Worldline, checked with zod (docs/gateways/worldline.md#orders-and-payments).
 * Amounts are JSON numbers in major units; each is kept as its decimal text (a number parsed
 * from `61.05` prints back as `61.05`), never computed with.
 */
const decimalText = z
  .union([z.number().finite(), z.string().regex(/^-?\d+(\.\d+)?$/)])
  .transform((value) => String(value))

export const worldlineAmountSchema = z.looseObject({
  amount: decimalText,
  currency: z.string().regex(CURRENCY_CODE, "must be an ISO 4217 currency code"),
})
export type WorldlineAmountRead = z.infer<typeof worldlineAmountSchema>

export const transactionSchema = z.looseObject({
  transactionId: z.union([z.string().min(1), z.number().int()]).transform(String),
  transactionType: z.string(),
  state: z.string(),
  statusCode: z.number().int().nullish(),
  description: z.string().nullish(),
  amount: worldlineAmountSchema.nullish(),
  referenceTransactionId: z.union([z.string(), z.number().int()]).transform(String).nullish(),
  requestId: z.string().nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
})
export type WorldlineTransaction = z.infer<typeof transactionSchema>

/** The order read (GET …/orders/{orderId}); the refund, capture and cancel answers share it. */
export const orderSchema = z.looseObject({
  mid: z.union([z.string(), z.number()]).transform(String).optional(),
  orderId: z.string().min(1),
  orderState: z.string(),
  paymentMethodId: z.number().int().nullish(),
  capturable: z.boolean().nullish(),
  orderAmount: worldlineAmountSchema,
  authorizedAmount: worldlineAmountSchema.nullish(),
  capturedAmount: worldlineAmountSchema.nullish(),
  refundedAmount: worldlineAmountSchema.nullish(),
  transactions: z.array(transactionSchema).default([]),
})
export type WorldlineOrder = z.infer<typeof orderSchema>

/** The order creation's answer: the order plus the hosted payment page. */
export const createOrderAnswerSchema = orderSchema.extend({ redirectUrl: z.url() })
export type WorldlineCreatedOrder = z.infer<typeof createOrderAnswerSchema>

/** Worldline's error body (ours: undocumented), `{ statusCode: 22041, description }`. */
export const errorBodySchema = z.looseObject({
  statusCode: z.number().int(),
  description: z.string().optional(),
})

/** OAuth errors of the token endpoint and of refused tokens (RFC 6749/6750 shapes). */
export const oauthErrorSchema = z.looseObject({
  error: z.string(),
  error_description: z.string().optional(),
})

export const tokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().int().positive(),
})
