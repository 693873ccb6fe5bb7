/**
 * What the sandbox stores about Smartpay objects (docs/gateways/smartpay.md#ids,
 * #checkout-sessions-and-orders). Amounts are integer yen; times ms since the epoch.
 */
import type { Yen } from "../money/yen"
import type {
  CancelRemainder,
  CaptureMethod,
  ItemKind,
  Metadata,
  OrderStatus,
  RefundReason,
  RefundStatus,
} from "../sandbox-types"

export interface StoredLineItem {
  id: string
  priceId: string
  productId: string
  kind: ItemKind
  name: string
  /** the unit amount as sent (a discount's is positive unless negativeDiscounts) */
  unitAmount: Yen
  quantity: number
  brand: string | null
  reference: string | null
  url: string | null
  label: string | null
  description: string | null
  productDescription: string | null
  priceDescription: string | null
  metadata: Metadata
  productMetadata: Metadata
  priceMetadata: Metadata
}

export interface StoredOrder {
  id: string
  checkoutSessionId: string
  status: OrderStatus
  amount: Yen
  captureMethod: CaptureMethod
  lineItems: StoredLineItem[]
  shippingInfo: Record<string, unknown> | null
  customerInfo: Record<string, unknown>
  reference: string | null
  description: string | null
  metadata: Metadata
  successUrl: string
  cancelUrl: string
  locale: string | null
  paymentIds: string[]
  /** a capture or cancellation ended what was left to capture */
  remainderCanceled: boolean
  createdAt: number
  updatedAt: number
  authorizedAt: number | null
}

export interface StoredPayment {
  id: string
  orderId: string
  amount: Yen
  cancelRemainder: CancelRemainder
  /** the capture's lineItems, or every line of the order when it named none */
  lineItemIds: string[]
  reference: string | null
  description: string | null
  metadata: Metadata
  refundIds: string[]
  createdAt: number
  updatedAt: number
}

export interface StoredRefund {
  id: string
  paymentId: string
  amount: Yen
  lineItemIds: string[]
  reason: RefundReason
  reference: string | null
  description: string | null
  metadata: Metadata
  status: RefundStatus
  /** the Idempotency-Key it was made under; null for dashboard refunds */
  idempotencyKey: string | null
  createdAt: number
  updatedAt: number
}
