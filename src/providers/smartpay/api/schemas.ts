import { z } from "zod"

/**
 * What we read from Smartpay, checked with zod (docs/gateways/smartpay.md#checkout-sessions-and-orders,
 * #capture, #refund-answer). Amounts are whole yen; times are milliseconds since the epoch.
 * Unknown fields are kept (`looseObject`): Smartpay adds fields without notice.
 */
const yen = z.number().int().min(0)
const metadata = z.record(z.string(), z.unknown()).nullish()

export const lineItemSchema = z.looseObject({
  id: z.string().min(1),
  kind: z.string().nullish(),
  quantity: z.number().int().nullish(),
  metadata,
  price: z
    .looseObject({
      amount: yen.nullish(),
      product: z.looseObject({ name: z.string().nullish() }).nullish(),
    })
    .nullish(),
})
export type SmartpayLineItem = z.infer<typeof lineItemSchema>

export const paymentSchema = z.looseObject({
  id: z.string().min(1),
  order: z.string().min(1),
  amount: yen,
  currency: z.string(),
  status: z.string().nullish(),
  lineItems: z.array(z.string()).nullish(),
  refunds: z.array(z.string()).nullish(),
  createdAt: z.number().nullish(),
})
export type SmartpayPayment = z.infer<typeof paymentSchema>

export const orderSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1),
  amount: yen,
  currency: z.string(),
  captureMethod: z.string().nullish(),
  /** ids, or objects with ?expand=all */
  lineItems: z.array(z.union([z.string(), lineItemSchema])).default([]),
  /** ids, or objects with ?expand=all */
  payments: z.array(z.union([z.string(), paymentSchema])).default([]),
  reference: z.string().nullish(),
  metadata,
  createdAt: z.number().nullish(),
})
export type SmartpayOrder = z.infer<typeof orderSchema>

export const refundSchema = z.looseObject({
  id: z.string().min(1),
  payment: z.string().min(1),
  amount: yen,
  currency: z.string(),
  /** succeeded | failed; absent in the Node SDK's type */
  status: z.string().nullish(),
  reason: z.string().nullish(),
  reference: z.string().nullish(),
  description: z.string().nullish(),
  metadata,
  lineItems: z.array(z.string()).nullish(),
  createdAt: z.number().nullish(),
})
export type SmartpayRefund = z.infer<typeof refundSchema>

export const checkoutSessionSchema = z.looseObject({
  id: z.string().min(1),
  url: z.string().min(1),
  /** the order's id, or the order expanded */
  order: z.union([z.string().min(1), orderSchema]),
})
export type SmartpayCheckoutSession = z.infer<typeof checkoutSessionSchema>

/** Smartpay's error body `{ errorCode, message, details[] }` (docs/gateways/smartpay.md#errors). */
export const errorBodySchema = z.looseObject({
  errorCode: z.string().min(1),
  message: z.string().nullish(),
  details: z.array(z.unknown()).nullish(),
  statusCode: z.number().nullish(),
})
