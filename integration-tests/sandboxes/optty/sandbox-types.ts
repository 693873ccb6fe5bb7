/**
 * The sandbox's public types: options, the control surface tests and the dev store use, and the
 * JSON shapes it answers. No Optty rules live here (see api/, state/ and control/ for those).
 */
import type { OpttyOrderState } from "./state/order-model"

export type {
  OpttyOrderState,
  StoredCapture,
  StoredRefund,
  StoredVoid,
  HistoryEntry,
  PaymentResult,
} from "./state/order-model"

export type PaymentStatus =
  | "INITIATED"
  | "PENDING"
  | "SUCCESSFUL"
  | "DECLINED"
  | "CANCELLED"
  | "ERROR"
  | "VOIDED"

/** How the shopper's visit to the BNPL provider can end. */
export type PaymentOutcome = "SUCCESSFUL" | "DECLINED" | "CANCELLED" | "ERROR"

export type RefundStatus = "PENDING" | "SUCCESSFUL" | "FAILED"

export interface OpttySandboxOptions {
  /** the API client credentials POST /auth/token must carry */
  clientId: string
  clientSecret: string
  /** the only merchant id the details call accepts */
  merchantId: string
  /** keys the hash on the shopper's return */
  paymentSecret: string
  /** 0 (default) = an ephemeral port */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** life of an access token, on the sandbox clock; default 86400 */
  tokenTtlSeconds?: number
  /** status of a refund right after the API accepted it; default "SUCCESSFUL" */
  refundsStartAs?: "SUCCESSFUL" | "PENDING"
  /** bnplProvider codes whose successful payments are captured in full at once; default [] */
  autoCaptureProviders?: string[]
  /** bnplProvider codes that refuse partial refunds; default [] */
  fullRefundOnlyProviders?: string[]
  /** merchant-level webhook URL, used when an order has no dynamicCallbackUrl */
  webhookUrl?: string
  /**
   * Pauses between webhook delivery attempts; attempts = length + 1. Default [500, 2000]
   * (3 attempts). Tests pass short delays.
   */
  webhookRetryDelaysMs?: number[]
  /** the clock (default: the system clock); `advanceClock` adds an offset to it */
  now?: () => Date
  /** where delivery failures and other diagnostics go; default console.warn */
  log?: (message: string) => void
}

export interface OpttySandbox {
  /** e.g. http://127.0.0.1:4020 */
  origin: string
  /** origin + "/auth": the token endpoint is authUrl + "/token" */
  authUrl: string
  /** origin + "/api": the merchant API base */
  apiUrl: string
  control: SandboxControl
  close(): Promise<void>
}

/** The error body of every refused call (NestJS style). */
export interface OpttyErrorBody {
  statusCode: number
  message: string | string[]
  error?: string
}

export interface TransactionHistoryJson {
  status: PaymentStatus
  createdAt: string
}

export interface OpttyRefundJson {
  refundId: string
  amount: string
  currency: string
  status: RefundStatus
  createdAt: string
  refundReason: string
  refundFailureReason: string | null
}

export interface OpttyCaptureJson {
  captureId: string
  captureReference: string
  amount: string
  currency: string
  createdAt: string
}

export interface OpttyVoidJson {
  voidedId: string
  voidReference: string
  amount: string
  currency: string
  createdAt: string
}

/** POST /orders/{orderReference}/details */
export interface OpttyOrderDetailsJson {
  orderReference: string
  merchantId: string
  status: PaymentStatus
  provider: string
  bnplOrderId: string | null
  orderAmount: string
  surchargeAmount: string
  currency: string
  transactionHistory: TransactionHistoryJson[]
  refunds: OpttyRefundJson[]
  orderCaptures: OpttyCaptureJson[]
  orderVoids: OpttyVoidJson[]
}

export interface PayOptions {
  /** default "SUCCESSFUL" */
  status?: PaymentOutcome
  /** the BNPL provider's own reference, echoed on the return URL; default the bnplOrderId */
  providerReference?: string
  /** decimal string with at most 2 decimals, e.g. "2.50"; only with SUCCESSFUL */
  surchargeAmount?: string
}

export interface SettleRefundOptions {
  status: "SUCCESSFUL" | "FAILED"
  /** refundFailureReason of a FAILED refund */
  reason?: string
}

export interface DashboardRefundOptions {
  /** decimal string with at most 2 decimals, e.g. "10.00" */
  amount: string
  /** default: the sandbox's current refundsStartAs */
  status?: "SUCCESSFUL" | "PENDING"
}

export type FaultKind =
  | "http_500"
  | "http_401"
  | "http_429"
  | "timeout"
  | "lost_response"
  | "error_after_processing"
  | "malformed"

export interface FaultSpec {
  /** HTTP method to match (any when absent) */
  method?: string
  /**
   * A path under the origin, e.g. "/api/orders/o1/refund" or "/auth/token". It matches a request
   * whose path (query excluded) equals it or continues it with "/…": "/api/orders/o1" matches
   * "/api/orders/o1/refund" but not "/api/orders/o10". A trailing "/" is ignored; "/api" hits
   * every API call.
   */
  path: string
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
  /** the path without the query, e.g. /api/orders/o1/refund */
  path: string
  query: Record<string, string>
  /** lower-cased names; authorization is "Bearer [REDACTED]" (or "[REDACTED]") */
  headers: Record<string, string>
  /**
   * /auth: the form fields (client_secret "[REDACTED]"); /api: the parsed JSON, or the raw text
   * when it is not JSON; undefined when empty. Any occurrence of a configured secret is redacted.
   */
  body: unknown
  /** the fault applied to this request, if any */
  fault: FaultKind | null
  /** the status the sandbox's rules produced; null when the request was not processed */
  processedStatus: number | null
  /** the status actually answered; null when no answer was sent (timeout, lost_response) */
  responseStatus: number | null
}

export interface DeliveryAttempt {
  at: string
  /** the receiver's status; null when the connection failed */
  statusCode: number | null
  error: string | null
}

export interface NotificationRecord {
  orderReference: string
  trigger: "auto" | "manual"
  /** the order's dynamicCallbackUrl, else the merchant-level webhookUrl; null when neither */
  url: string | null
  /** the exact JSON text POSTed */
  body: string
  attempts: DeliveryAttempt[]
  /** "sending" until a 2xx arrived or the attempts ran out */
  outcome: "sending" | "delivered" | "failed" | "no_url"
  at: string
}

/**
 * Scripting Optty from tests and the dev store. Every operation is also exposed over HTTP under
 * /_control/ (see README). Misuse (unknown order or refund, wrong state) throws a ControlError.
 */
export interface SandboxControl {
  /** the shopper finishes at the BNPL provider; answers the return URL the shopper is sent to */
  pay(orderReference: string, options?: PayOptions): { redirectUrl: string }
  /** a PENDING refund (by refundId or by the reference sent) ends; then the refund webhook */
  settleRefund(
    orderReference: string,
    refundId: string,
    options: SettleRefundOptions,
  ): OpttyOrderDetailsJson
  /** a refund made in Optty's portal under an Optty-generated refundId; webhook once final */
  dashboardRefund(
    orderReference: string,
    options: DashboardRefundOptions,
  ): { refundId: string; order: OpttyOrderDetailsJson }
  /** sends a webhook now, whatever autoNotify says: the payment state, or `body` verbatim */
  notify(orderReference: string, body?: unknown): Promise<NotificationRecord>
  setAutoNotify(enabled: boolean): void
  setRefundsStartAs(status: "SUCCESSFUL" | "PENDING"): void
  /** revokes every token issued so far; returns how many were still valid */
  expireTokens(): number
  /** moves the sandbox clock forward; returns the new time */
  advanceClock(ms: number): Date
  now(): Date
  failNext(fault: FaultSpec): void
  /** disarms every fault still armed: the gateway answers normally again */
  clearFaults(): void
  requests(): RecordedRequest[]
  /** the raw stored state (amounts in integer cents); undefined for an unknown order */
  order(orderReference: string): OpttyOrderState | undefined
  notifications(): NotificationRecord[]
  /** resolves when every webhook started so far has been delivered or has given up */
  settleNotifications(): Promise<void>
  /** forgets orders, tokens, faults and logs; autoNotify, refundsStartAs and the clock reset */
  reset(): void
}
