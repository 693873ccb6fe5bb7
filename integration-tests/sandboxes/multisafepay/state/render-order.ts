import { formatFixed } from "../money/fixed-point"
import type { MspCartItemJson, MspOrderJson, MspRelatedTransactionJson } from "../sandbox-types"
import { CartItem, Refund, StoredOrder, UNIT_PRICE_SCALE } from "./order-model"
import { financialStatus, orderStatus, refundedAmount } from "./order-status"

function renderItem(item: CartItem): MspCartItemJson {
  const rendered: MspCartItemJson = {
    ...item.extra,
    name: item.name,
    description: item.description,
    // GET returns prices as strings; the sandbox keeps all 10 decimals
    // (docs/gateways/multisafepay.md#undocumented-behaviour-and-our-assumptions)
    unit_price: formatFixed(item.unitPrice, UNIT_PRICE_SCALE),
    quantity: item.quantity,
    merchant_item_id: item.merchantItemId,
  }
  if (item.taxTableSelector !== null) rendered.tax_table_selector = item.taxTableSelector
  return rendered
}

function renderRefund(order: StoredOrder, refund: Refund): MspRelatedTransactionJson {
  const rendered: MspRelatedTransactionJson = {
    type: "refund",
    status: refund.status,
    amount: refund.amount,
    currency: refund.currency,
    order_id: order.orderId,
    refund_order_id: refund.refundOrderId,
    transaction_id: refund.id,
    reference_transaction_id: order.transactionId,
    created: refund.created.toISOString(),
    modified: refund.modified.toISOString(),
    description: refund.description,
  }
  if (refund.reason !== null) rendered.reason = refund.reason
  return rendered
}

/**
 * The order as GET /orders/{id} returns it in `data`, and as the notification body. Built fresh
 * each time so the two can never disagree.
 */
export function renderOrder(order: StoredOrder): MspOrderJson {
  const paymentDetails: MspOrderJson["payment_details"] = { type: order.gateway }
  if (order.manualCapture) {
    paymentDetails.capture = "manual"
    if (order.captureRemain !== null) paymentDetails.capture_remain = order.captureRemain
  }
  const related: MspRelatedTransactionJson[] = [
    ...order.captures.map((capture) => ({
      type: "capture" as const,
      status: capture.status,
      amount: capture.amount,
      currency: order.currency,
      order_id: capture.orderId,
      transaction_id: capture.id,
      reference_transaction_id: order.transactionId,
      created: capture.created.toISOString(),
      description: capture.description,
    })),
    ...order.refunds.map((refund) => renderRefund(order, refund)),
  ]
  const rendered: MspOrderJson = {
    order_id: order.orderId,
    transaction_id: order.transactionId,
    currency: order.currency,
    amount: order.amount,
    amount_refunded: refundedAmount(order),
    description: order.description,
    status: orderStatus(order),
    financial_status: financialStatus(order),
    created: order.created.toISOString(),
    modified: order.modified.toISOString(),
    ...order.vars,
    payment_details: paymentDetails,
    customer: order.customer ?? {},
    payment_options: order.paymentOptions,
    related_transactions: related,
    costs: [],
  }
  if (order.delivery !== undefined) rendered.delivery = order.delivery
  if (order.cart) rendered.shopping_cart = { items: order.cart.map(renderItem) }
  if (order.taxTablesView) rendered.checkout_options = order.taxTablesView
  return rendered
}
