/**
 * The sandbox's public types: options, the control surface tests and the dev store use, and the
 * JSON it answers (docs/gateways/smartpay.md). Amounts are integer yen; times are milliseconds
 * since the epoch, as Smartpay writes them. No rules live here.
 */
import type { KitControl } from "../kit/kit-control"
import type { NotificationRecord as KitNotificationRecord } from "../kit/notifier"

export type { FaultKind, FaultSpec } from "../kit/faults"
export type { RecordedRequest } from "../kit/request-log"
export type { DeliveryAttempt } from "../kit/notifier"

export type OrderStatus =
  | "requires_authorization"
  | "requires_capture"
  | "succeeded"
  | "rejected"
  | "canceled"
export type CaptureMethod = "automatic" | "manual"
export type CancelRemainder = "automatic" | "manual"
export type RefundReason = "requested_by_customer" | "fraudulent"
/** "pending" is ours: Smartpay documents succeeded and failed only */
export type RefundStatus = "succeeded" | "failed" | "pending"
export type RefundStartStatus = "succeeded" | "pending"
export type ItemKind = "product" | "discount" | "tax"
export type EventType =
  | "order.authorized"
  | "order.rejected"
  | "order.canceled"
  | "payment.created"
  | "refund.created"

export interface SmartpaySandboxOptions {
  /** the only key served: `sk_test_…` (a live key is refused at start) */
  secretKey: string
  /** the webhook endpoint's signing secret, Base62 text (A–Z a–z 0–9) */
  signingSecret: string
  /** 0 (default) = an ephemeral port */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** the base clock, ms since the epoch or a Date (default the system clock) */
  now?: () => number | Date
  /** diagnostics; default console.warn */
  log?: (message: string) => void
  /** where webhooks go; null/absent = none are sent */
  webhookUrl?: string | null
  /** the webhook endpoint's id in Smartpay-Subscription-Id; default webhookendpoint_test_sandbox */
  subscriptionId?: string
  /** pauses between webhook attempts; attempts = length + 1. Default [500, 2000, 5000] */
  webhookRetryDelaysMs?: number[]
  /** checkout `amount` must equal the items (discounts subtracted) plus shipping; default true */
  checkItemsSum?: boolean
  /** discount lines may carry a negative amount (counted by its size); default false */
  negativeDiscounts?: boolean
  /** the status of a new refund; default "succeeded" */
  refundsStartAs?: RefundStartStatus
  /** how long an Idempotency-Key is kept, on the sandbox clock; default 6 h */
  idempotencyKeyLifetimeMs?: number
  /** the same key with another request: 409 (default "conflict") or the original answer */
  idempotencyMismatch?: "conflict" | "replay"
  /** the header marking a replayed answer; default "Idempotency-Replayed" */
  replayHeader?: string
  /** an authorised order not fully captured in this time is canceled; default 7 days */
  authorizationLifetimeMs?: number
}

export interface SmartpaySandbox {
  /** e.g. http://127.0.0.1:4040 */
  origin: string
  /** `${origin}/v1`: what the SDK's `apiPrefix` (the provider's `apiUrl`) takes */
  apiUrl: string
  control: SmartpaySandboxControl
  close(): Promise<void>
}

export type Metadata = Record<string, string | number | boolean>

export interface OrderJson {
  id: string
  object: "order"
  test: true
  status: OrderStatus
  amount: number
  currency: string
  captureMethod: CaptureMethod
  /** Smartpay coupon discounts (none in the sandbox); merchant discounts are lines */
  discountAmount: number
  discounts: unknown[]
  /** li ids, or line item objects with ?expand=all */
  lineItems: Array<string | LineItemJson>
  /** payment ids, or payment objects with ?expand=all */
  payments: Array<string | PaymentJson>
  shippingInfo: Record<string, unknown> | null
  customerInfo: Record<string, unknown>
  reference: string | null
  description: string | null
  metadata: Metadata
  createdAt: number
  updatedAt: number
  /** when an authorised order is canceled unless captured; null before authorisation */
  expiresAt: number | null
}

export interface LineItemJson {
  id: string
  object: "lineItem"
  kind: ItemKind
  quantity: number
  description: string | null
  metadata: Metadata
  price: {
    id: string
    object: "price"
    amount: number
    currency: string
    label: string | null
    description: string | null
    metadata: Metadata
    product: {
      id: string
      object: "product"
      name: string
      brand: string | null
      reference: string | null
      url: string | null
      description: string | null
      metadata: Metadata
      test: true
    }
    test: true
  }
  test: true
  createdAt: number
  updatedAt: number
}

export interface PaymentJson {
  id: string
  object: "payment"
  test: true
  status: "processed" | "refunded"
  order: string
  amount: number
  currency: string
  lineItems: string[]
  refunds: string[]
  reference: string | null
  description: string | null
  metadata: Metadata
  createdAt: number
  updatedAt: number
}

export interface RefundJson {
  id: string
  object: "refund"
  test: true
  status: RefundStatus
  payment: string
  amount: number
  currency: string
  lineItems: string[]
  reason: RefundReason
  reference: string | null
  description: string | null
  metadata: Metadata
  createdAt: number
  updatedAt: number
}

export interface CheckoutSessionJson {
  id: string
  object: "checkoutSession"
  test: true
  /** the order expanded in the create answer; its id on a GET without ?expand=all */
  order: string | OrderJson
  url: string
  successUrl: string
  cancelUrl: string
  customerInfo: Record<string, unknown>
  locale: string | null
  reference: string | null
  metadata: Metadata
  createdAt: number
  updatedAt: number
  expiresAt: number
}

export interface EventJson {
  id: string
  object: "event"
  test: true
  createdAt: number
  eventData: { type: EventType; version: string; data: OrderJson | PaymentJson | RefundJson }
}

/** The kit's record plus the event it carried. */
export interface NotificationRecord extends KitNotificationRecord {
  eventId: string
  eventType: EventType
  /** the order, payment or refund id the event is about */
  objectId: string
}

export type PaymentOutcome = "authorized" | "rejected"

export interface PayOptions {
  /** default "authorized" */
  outcome?: PaymentOutcome
}

export interface SettleRefundOptions {
  status: "succeeded" | "failed"
}

export interface DashboardCaptureOptions {
  /** integer yen, at most what is left to capture; the rest stays capturable */
  amount: number
}

export interface DashboardRefundOptions {
  /** integer yen; default what is left on the payment */
  amount?: number
  /** the payment refunded; default the oldest payment whose rest covers the amount */
  payment?: string
  lineItems?: string[]
  reason?: RefundReason
}

/**
 * Scripting Smartpay from tests and the dev store: the kit's operations (../kit/README.md) plus
 * Smartpay's own; each is also under /_control over HTTP. `ref` arguments take an order id, a
 * checkout session id or the order's `reference` (the Medusa payment session id). Misuse
 * throws a ControlError.
 */
export interface SmartpaySandboxControl extends KitControl<NotificationRecord> {
  /** the order expanded (?expand=all); undefined when unknown */
  order(ref: string): OrderJson | undefined
  /** the shopper finishes on the hosted checkout; answers successUrl or cancelUrl */
  pay(ref: string, options?: PayOptions): { redirectUrl: string; order: OrderJson }
  /** a pending refund ends; `ref`: refund id, the Idempotency-Key it was made under, or its reference */
  settleRefund(ref: string, options: SettleRefundOptions): RefundJson
  setRefundsStartAs(status: RefundStartStatus): void
  /**
   * new refunds stay off their payment's `refunds` list (GET /payments, orders expanded) for `ms`
   * on the sandbox clock, as a listing that lags behind; GET /refunds/{id} finds them at once.
   * 0 (the default, and after reset) lists them at once
   */
  setRefundListingDelay(ms: number): void
  /**
   * a capture of part of an authorised order made in Smartpay's dashboard: one payment, the rest
   * still capturable (cancelRemainder manual), payment.created sent
   */
  dashboardCapture(ref: string, options: DashboardCaptureOptions): PaymentJson
  /** a refund made in Smartpay's dashboard: succeeded, no key, refund.created sent */
  dashboardRefund(ref: string, options?: DashboardRefundOptions): RefundJson
  /** one signed event about an object now, whatever autoNotify says; resolves when it ended */
  notify(type: EventType, objectId: string): Promise<NotificationRecord>
  setWebhookUrl(url: string | null): void
  /** every refund of the order's payments, oldest first */
  refunds(ref: string): RefundJson[]
  /** forgets everything; settings back to the options */
  reset(): void
}
