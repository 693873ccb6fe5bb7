/**
 * The sandbox's public types: options, the control surface tests and the dev store use, and the
 * JSON shapes it returns. No MultiSafepay rules live here.
 */
import type { RefundConvention } from "./gateways"

export type { RefundConvention } from "./gateways"

export interface MultiSafepaySandboxOptions {
  /** the website API key requests must carry (header `api_key` or query `?api_key=`) */
  apiKey: string
  /** 0 (default) = an ephemeral port */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** status of a refund right after it is accepted; default "reserved" (test env behaviour) */
  refundsStartAs?: "reserved" | "completed"
  /**
   * Per gateway code, how refund lines reversing an original line must be written. Merged over
   * the defaults { BNPL_MF: "negative_quantity", PAYAFTER: "negative_quantity" }; any other
   * gateway accepts "either".
   */
  refundConventions?: Record<string, RefundConvention>
  /** the clock (default: the system clock); `advanceClock` adds an offset to it */
  now?: () => Date
  /** where delivery failures and other diagnostics go; default console.warn */
  log?: (message: string) => void
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

export interface NotificationRecord {
  orderId: string
  trigger: "auto" | "manual"
  /** full URL called, including ?transactionid=&timestamp= */
  url: string
  method: "POST" | "GET"
  /** unix seconds, as in the query and the Auth header */
  timestamp: number
  /** the Auth header sent (null for GET notifications, which carry no body) */
  authHeader: string | null
  /** the exact body bytes sent (as UTF-8 text); "" for GET */
  body: string
  /** the body the signature was computed over (differs from `body` only with tamperBody) */
  signedBody: string
  options: NotifyOptions
  /** the receiver's HTTP status; null when the delivery failed */
  statusCode: number | null
  responseBody: string | null
  error: string | null
  at: string
}

export type FaultKind =
  | "status_500"
  | "status_503"
  | "status_429"
  | "timeout"
  | "drop_after_processing"
  | "malformed_json"
  | "reject_before_processing"

export interface FaultSpec {
  /** HTTP method to match (any when absent) */
  method?: string
  /** a substring of the request path (with query), or a regular expression tested against it */
  path: RegExp | string
  kind: FaultKind
  /** how many matching requests it applies to; default 1 */
  times?: number
  /** how many matching requests pass untouched before it applies (e.g. the read before a refund) */
  skip?: number
  /** "timeout" only: how long the socket is held before it is destroyed; default 30000 ms */
  holdMs?: number
}

export interface RecordedRequest {
  at: string
  method: string
  /** path with query string (an api_key query value is redacted) */
  path: string
  /** lower-cased header names; the api_key value is "[redacted]" */
  headers: Record<string, string>
  /** parsed JSON body; undefined when empty or not JSON */
  body: unknown
  rawBody: string
  /** the fault applied to this request, if any */
  fault: FaultKind | null
  /** the status answered; null when no answer was sent (dropped, held, rejected) */
  responseStatus: number | null
}

/**
 * Scripting the gateway from tests and the dev store. Every operation is also exposed over HTTP
 * under /_control (see README). Operations on unknown orders or refunds throw a ControlError.
 */
export interface SandboxControl {
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
  setAutoNotify(enabled: boolean): void
  /** moves the sandbox clock forward; returns the new time */
  advanceClock(seconds: number): Date
  now(): Date
  failNext(fault: FaultSpec): void
  /** disarms every fault still armed: the gateway answers normally again */
  clearFaults(): void
  requests(): RecordedRequest[]
  order(id: string): MspOrderJson | undefined
  notifications(): NotificationRecord[]
  /** resolves when every notification started so far has been delivered (or has failed) */
  settleNotifications(): Promise<void>
  /** clears orders, faults, logs and the clock offset; autoNotify back on */
  reset(): void
}
