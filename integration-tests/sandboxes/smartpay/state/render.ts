/**
 * Objects as Smartpay answers them (docs/gateways/smartpay.md#checkout-sessions-and-orders,
 * #capture, #refund-answer): `object` names the type, `test` is true, times are ms since the
 * epoch, references are ids unless the caller asked `?expand=all`.
 */
import { CURRENCY } from "../money/yen"
import type {
  CheckoutSessionJson,
  LineItemJson,
  OrderJson,
  PaymentJson,
  RefundJson,
} from "../sandbox-types"
import { paymentStatus } from "./amounts"
import type { StoredLineItem, StoredOrder, StoredPayment, StoredRefund } from "./model"
import type { SandboxState } from "./sandbox-state"

export function renderLineItem(order: StoredOrder, item: StoredLineItem): LineItemJson {
  return {
    id: item.id,
    object: "lineItem",
    kind: item.kind,
    quantity: item.quantity,
    description: item.description,
    metadata: item.metadata,
    price: {
      id: item.priceId,
      object: "price",
      amount: item.unitAmount,
      currency: CURRENCY,
      label: item.label,
      description: item.priceDescription,
      metadata: item.priceMetadata,
      product: {
        id: item.productId,
        object: "product",
        name: item.name,
        brand: item.brand,
        reference: item.reference,
        url: item.url,
        description: item.productDescription,
        metadata: item.productMetadata,
        test: true,
      },
      test: true,
    },
    test: true,
    createdAt: order.createdAt,
    updatedAt: order.createdAt,
  }
}

export function renderPayment(state: SandboxState, payment: StoredPayment): PaymentJson {
  return {
    id: payment.id,
    object: "payment",
    test: true,
    status: paymentStatus(state, payment),
    order: payment.orderId,
    amount: payment.amount,
    currency: CURRENCY,
    lineItems: [...payment.lineItemIds],
    refunds: state.listedRefundIds(payment),
    reference: payment.reference,
    description: payment.description,
    metadata: payment.metadata,
    createdAt: payment.createdAt,
    updatedAt: payment.updatedAt,
  }
}

export function renderRefund(refund: StoredRefund): RefundJson {
  return {
    id: refund.id,
    object: "refund",
    test: true,
    status: refund.status,
    payment: refund.paymentId,
    amount: refund.amount,
    currency: CURRENCY,
    lineItems: [...refund.lineItemIds],
    reason: refund.reason,
    reference: refund.reference,
    description: refund.description,
    metadata: refund.metadata,
    createdAt: refund.createdAt,
    updatedAt: refund.updatedAt,
  }
}

export function renderOrder(state: SandboxState, order: StoredOrder, expand = false): OrderJson {
  return {
    id: order.id,
    object: "order",
    test: true,
    status: order.status,
    amount: order.amount,
    currency: CURRENCY,
    captureMethod: order.captureMethod,
    discountAmount: 0,
    discounts: [],
    lineItems: expand
      ? order.lineItems.map((item) => renderLineItem(order, item))
      : order.lineItems.map((item) => item.id),
    payments: expand
      ? state.paymentsOf(order).map((payment) => renderPayment(state, payment))
      : [...order.paymentIds],
    shippingInfo: order.shippingInfo,
    customerInfo: order.customerInfo,
    reference: order.reference,
    description: order.description,
    metadata: order.metadata,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    expiresAt:
      order.authorizedAt === null
        ? null
        : order.authorizedAt + state.config.authorizationLifetimeMs,
  }
}

export const CHECKOUT_PATH = "/checkout"

export function renderCheckoutSession(
  state: SandboxState,
  order: StoredOrder,
  origin: string,
  orderExpanded: boolean,
): CheckoutSessionJson {
  return {
    id: order.checkoutSessionId,
    object: "checkoutSession",
    test: true,
    order: orderExpanded ? renderOrder(state, order, true) : order.id,
    url: `${origin}${CHECKOUT_PATH}/${order.checkoutSessionId}`,
    successUrl: order.successUrl,
    cancelUrl: order.cancelUrl,
    customerInfo: order.customerInfo,
    locale: order.locale,
    reference: order.reference,
    metadata: order.metadata,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    // ours: a checkout session can be finished for as long as an authorisation would live
    expiresAt: order.createdAt + state.config.authorizationLifetimeMs,
  }
}
