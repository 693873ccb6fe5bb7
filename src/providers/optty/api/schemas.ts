import { z } from "zod"
import { CURRENCY_CODE } from "../../../core/money"

/** A gateway body naming no ISO 4217 currency is not one of its answers: it is refused whole. */
const currency = z.string().regex(CURRENCY_CODE, "must be an ISO 4217 currency code")

/**
 * What we read from Optty, checked with zod. Optty returns amounts as strings in some answers
 * and as numbers in others (the refund sample has a number where its schema says string), so
 * every amount accepts both and is kept as the decimal text Optty sent.
 */
export const opttyAmount = z
  .union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number().finite()])
  .transform((value) => String(value))

export const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
})

/** ASSUMED shape (undocumented): the storefront needs only `redirectUrl`. */
export const createOrderResponse = z.looseObject({
  orderReference: z.string().optional(),
  redirectUrl: z.url(),
  status: z.string().optional(),
})

export const detailsRefund = z.looseObject({
  refundId: z.string(),
  amount: opttyAmount,
  currency: currency.or(z.literal("")).optional(),
  status: z.string(),
  createdAt: z.string().nullish(),
  refundReason: z.string().nullish(),
  refundFailureReason: z.string().nullish(),
})
export type OpttyDetailsRefund = z.infer<typeof detailsRefund>

export const detailsCapture = z.looseObject({
  captureId: z.string().nullish(),
  captureReference: z.string().nullish(),
  amount: opttyAmount,
})

export const detailsVoid = z.looseObject({
  voidedId: z.string().nullish(),
  voidReference: z.string().nullish(),
  amount: opttyAmount,
})

export const orderDetails = z.looseObject({
  orderReference: z.string().optional(),
  status: z.string(),
  provider: z.string().nullish(),
  bnplOrderId: z.string().nullish(),
  orderAmount: opttyAmount.optional(),
  surchargeAmount: opttyAmount.nullish(),
  currency: currency.or(z.literal("")).optional(),
  transactionHistory: z.array(z.looseObject({ status: z.string() })).nullish(),
  refunds: z.array(detailsRefund).nullish(),
  orderCaptures: z.array(detailsCapture).nullish(),
  orderVoids: z.array(detailsVoid).nullish(),
})
export type OpttyOrderDetails = z.infer<typeof orderDetails>

export const captureResponse = z.looseObject({
  captureReference: z.string().optional(),
  captureId: z.string().nullish(),
  capturedAmount: opttyAmount.optional(),
})

export const voidResponse = z.looseObject({
  voidReference: z.string().optional(),
  voidedId: z.string().nullish(),
  amount: opttyAmount.optional(),
})

/**
 * Optty's refund answer (docs/gateways/optty.md#refund-request); `description` is `{}` in Optty's
 * sample, so it is not read (docs/gateways/optty.md#undocumented-behaviour-and-our-assumptions).
 */
export const refundResponse = z.looseObject({
  refundReference: z.string(),
  refundedAmount: opttyAmount,
  refundStatus: z.string(),
  refundDate: z.string().nullish(),
  bnplRefundId: z.string().nullish(),
  callbackUrl: z.string().nullish(),
  /**
   * ASSUMED (undocumented in the refund answer): a refund declined at once may carry its reason
   * under the name the order details use (docs/gateways/optty.md#refund-statuses)
   */
  refundFailureReason: z.string().nullish(),
})
export type OpttyRefundResponse = z.infer<typeof refundResponse>

/** Optty's (NestJS) error body: `message` is a string, or a list for validation errors. */
export const errorBody = z.looseObject({
  statusCode: z.number().optional(),
  message: z.union([z.string(), z.array(z.string())]),
  error: z.string().optional(),
})
