/**
 * The sandbox's public types: options, the control surface tests and the dev store use, and the
 * JSON shapes it answers. No Optty rules live here (see api/, state/ and control/ for those).
 */
import type { KitControl } from "../kit/kit-control"
import type { SandboxBaseOptions } from "../kit/sandbox-kit"
import type { NotificationRecord as KitNotificationRecord } from "../kit/notifier"
import type { OpttyOrderState } from "./state/order-model"

export type { FaultKind, FaultSpec } from "../kit/faults"
export type { RecordedRequest } from "../kit/request-log"
export type { DeliveryAttempt } from "../kit/notifier"

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

/** The kit's port, host, clock and log, plus Optty's own settings. */
export interface OpttySandboxOptions extends SandboxBaseOptions {
  /** the API client credentials POST /auth/token must carry */
  clientId: string
  clientSecret: string
  /** the only merchant id the details call accepts */
  merchantId: string
  /** keys the hash on the shopper's return */
  paymentSecret: string
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

/** The kit's record (attempts, outcome) plus the order the webhook is about. */
export interface NotificationRecord extends KitNotificationRecord {
  orderReference: string
}

/**
 * Scripting Optty from tests and the dev store: the kit's operations (clock, faults, logs,
 * notifications; see ../kit/README.md) plus Optty's own. Every operation is also exposed over
 * HTTP under /_control/. Misuse (unknown order or refund, wrong state) throws a ControlError.
 */
export interface SandboxControl extends KitControl<NotificationRecord> {
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
  setRefundsStartAs(status: "SUCCESSFUL" | "PENDING"): void
  /** revokes every token issued so far; returns how many were still valid */
  expireTokens(): number
  /** the raw stored state (amounts in integer cents); undefined for an unknown order */
  order(orderReference: string): OpttyOrderState | undefined
  /** forgets orders, tokens, faults and logs; autoNotify, refundsStartAs and the clock reset */
  reset(): void
}
