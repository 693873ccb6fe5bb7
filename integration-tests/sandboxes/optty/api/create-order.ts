import { badRequest } from "../errors"
import { formatBigCents, formatCents } from "../money/amounts"
import type { PaymentStatus } from "../sandbox-types"
import type { OpttyOrderState } from "../state/order-model"
import type { SandboxState } from "../state/sandbox-state"
import { OrderRequest, readOrderRequest } from "./order-request"

export const PAY_PATH = "/pay/"

export interface CreateOrderAnswer {
  orderReference: string
  redirectUrl: string
  status: PaymentStatus
  bnplProvider: string
}

/**
 * Totals are compared as bigint cents: a huge quantity times a price, or the sum of many lines,
 * may pass Number.MAX_SAFE_INTEGER, and the comparison must still be exact.
 */
const big = (cents: number) => BigInt(cents)

/** Each line's totalAmount must be exactly unitPrice × quantity (whole cents, no rounding). */
function refuseWrongLineTotals(request: OrderRequest): void {
  request.lines.forEach((line, index) => {
    const expected = big(line.unitPriceCents) * big(line.quantity)
    if (big(line.totalAmountCents) !== expected) {
      throw badRequest(
        `orderItems.${index}.totalAmount ${formatCents(line.totalAmountCents)} does not equal unitPrice × quantity (${formatBigCents(expected)})`,
      )
    }
  })
}

/** Newer Optty docs: orderAmount = Σ totalAmount + shippingAmount + taxAmount − discountAmount. */
function refuseWrongOrderTotal(request: OrderRequest): void {
  const items = request.lines.reduce((sum, line) => sum + big(line.totalAmountCents), 0n)
  const expected =
    items + big(request.shippingCents) + big(request.taxCents) - big(request.discountCents)
  if (big(request.orderAmountCents) !== expected) {
    throw badRequest(
      `orderAmount ${formatCents(request.orderAmountCents)} does not match the order total ${formatBigCents(expected)} ` +
        `(orderItems ${formatBigCents(items)} + shippingAmount ${formatCents(request.shippingCents)} + ` +
        `taxAmount ${formatCents(request.taxCents)} - discountAmount ${formatCents(request.discountCents)})`,
    )
  }
}

/** POST /orders: the order waits (INITIATED) for the shopper at the hosted page. */
export function createOrder(state: SandboxState, raw: unknown, origin: string): CreateOrderAnswer {
  const request = readOrderRequest(raw)
  refuseWrongLineTotals(request)
  refuseWrongOrderTotal(request)
  if (state.orders.has(request.orderReference)) {
    throw badRequest(`Order reference ${request.orderReference} already exists`)
  }
  const now = state.nowIso()
  const order: OpttyOrderState = {
    orderReference: request.orderReference,
    merchantId: state.config.merchantId,
    provider: request.bnplProvider,
    currency: request.purchaseCurrency,
    orderAmountCents: request.orderAmountCents,
    surchargeCents: 0,
    status: "INITIATED",
    bnplOrderId: null,
    dynamicRedirectUrl: request.dynamicRedirectUrl,
    dynamicCallbackUrl: request.dynamicCallbackUrl,
    request: structuredClone(raw),
    createdAt: now,
    transactionHistory: [{ status: "INITIATED", createdAt: now }],
    captures: [],
    voids: [],
    refunds: [],
    payment: null,
  }
  state.orders.set(order.orderReference, order)
  return {
    orderReference: order.orderReference,
    redirectUrl: `${origin}${PAY_PATH}${encodeURIComponent(order.orderReference)}`,
    status: order.status,
    bnplProvider: order.provider,
  }
}
