/**
 * The sandbox's public types: options, the control surface tests and the dev store use, and the
 * JSON shapes it returns. No MultiSafepay rules live here.
 */
import type { KitControl } from "../kit/kit-control"
import type { SandboxBaseOptions } from "../kit/sandbox-kit"
import type { NotificationRecord as KitNotificationRecord } from "../kit/notifier"
import type { RefundConvention } from "./gateways"

export type { FaultKind, FaultSpec } from "../kit/faults"
export type { RecordedRequest } from "../kit/request-log"
export type { DeliveryAttempt } from "../kit/notifier"
export type { RefundConvention } from "./gateways"

/** The kit's port, host, clock and log, plus MultiSafepay's own settings. */
export interface MultiSafepaySandboxOptions extends SandboxBaseOptions {
  /** the website API key requests must carry (header `api_key` or query `?api_key=`) */
  apiKey: string
  /** status of a refund right after it is accepted; default "reserved" (test env behaviour) */
  refundsStartAs?: "reserved" | "completed"
  /**
   * Pay-later gateway codes this account refunds with the Klarna convention (the older docs):
   * a copy of the line with a negative unit_price. Every other pay-later gateway takes a copy
   * with a negative quantity, and a negative unit_price there cancels the order (the current
   * "pay later refund" page). Default [].
   */
  negativeUnitPriceGateways?: string[]
  /**
   * Per gateway code, how refund lines must be written; wins over negativeUnitPriceGateways.
   * Defaults: negative_quantity for every pay-later gateway, "either" for the others.
   */
  refundConventions?: Record<string, RefundConvention>
  /** pauses between notification attempts while the receiver fails; default [] (one attempt) */
  notificationRetryDelaysMs?: number[]
}

export interface MultiSafepaySandbox {
  /** API base with trailing slash, e.g. http://127.0.0.1:4010/v1/json/ */
  url: string
  /** e.g. http://127.0.0.1:4010 */
  origin: string
  control: SandboxControl
  close(): Promise<void>
}

export interface MspCartItemJson {
  name: string
  description: string
  /** always a string with exactly 10 decimals */
  unit_price: string
  quantity: number
  merchant_item_id: string | number
  tax_table_selector?: string
  [field: string]: unknown
}

export interface MspRelatedTransactionJson {
  type: "refund" | "capture"
  status: string
  amount: number
  currency: string
  order_id: string
  transaction_id: number
  reference_transaction_id: number
  created: string
  description: string | null
  refund_order_id?: string | null
  modified?: string
  reason?: string
}

/** GET /orders/{id} `data`, and the notification body. */
export interface MspOrderJson {
  order_id: string
  transaction_id: number
  currency: string
  amount: number
  amount_refunded: number
  description: string
  status: string
  financial_status: string
  created: string
  modified: string
  payment_details: { type: string | null; capture?: "manual"; capture_remain?: number }
  customer: unknown
  payment_options: Record<string, unknown>
  shopping_cart?: { items: MspCartItemJson[] }
  checkout_options?: Record<string, unknown>
  related_transactions: MspRelatedTransactionJson[]
  costs: unknown[]
  [field: string]: unknown
}

export type PaymentOutcome = "completed" | "uncleared" | "declined" | "expired"

export interface PayOptions {
  /** the payment method the shopper chose (e.g. "IDEAL" for an order created without one) */
  gateway?: string
  /** default "completed" */
  status?: PaymentOutcome
}

export interface DashboardRefundOptions {
  /** minor units, > 0 */
  amount: number
  /** default: the sandbox's refundsStartAs */
  status?: "reserved" | "completed"
}

export interface NotifyOptions {
  /** sign with the wrong key */
  forgeSignature?: boolean
  /** shift the signed timestamp (e.g. -3600 for a stale notification) */
  timestampOffsetSeconds?: number
  /** sign the real body but send a different one */
  tamperBody?: boolean
}

/** The kit's record (attempts, outcome) plus what MultiSafepay's notification carried. */
export interface NotificationRecord extends KitNotificationRecord {
  orderId: string
  /** unix seconds, as in the query and the Auth header */
  timestamp: number
  /** the Auth header sent (null for GET notifications, which carry no body) */
  authHeader: string | null
  /** the body the signature was computed over (differs from `body` only with tamperBody) */
  signedBody: string
  options: NotifyOptions
}

/**
 * Scripting the gateway from tests and the dev store: the kit's operations (clock, faults, logs,
 * notifications; see ../kit/README.md) plus MultiSafepay's own. Every operation is also exposed
 * over HTTP under /_control. Operations on unknown orders or refunds throw a ControlError.
 */
export interface SandboxControl extends KitControl<NotificationRecord> {
  /** the shopper pays (or the payment ends otherwise); notifies */
  pay(orderId: string, options?: PayOptions): MspOrderJson
  /** the refund is accepted (test dashboard "Accept"); notifies */
  completeRefund(orderId: string, refundId: number | string): MspOrderJson
  /** the refund fails: status "declined", its money and cart lines are freed; notifies */
  failRefund(orderId: string, refundId: number | string, reason?: string): MspOrderJson
  /** a refund made in MultiSafepay's dashboard (no API call); notifies */
  dashboardRefund(
    orderId: string,
    options: DashboardRefundOptions,
  ): { refund_id: number; order: MspOrderJson }
  /** sends a notification for the order now, whatever autoNotify says */
  notify(orderId: string, options?: NotifyOptions): Promise<NotificationRecord>
  order(id: string): MspOrderJson | undefined
  /** clears orders, faults, logs and the clock offset; autoNotify back on */
  reset(): void
}
