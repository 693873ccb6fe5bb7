/**
 * The sandbox's public types: options, the control surface tests and the dev store use, and the
 * JSON it answers (amounts as plain numbers, as a client parses them). No rules live here.
 */
import type { KitControl } from "../kit/kit-control"
import type { NotificationRecord as KitNotificationRecord } from "../kit/notifier"
import type { OrderState, TransactionState, TransactionType } from "./state/order-model"

export type { FaultKind, FaultSpec } from "../kit/faults"
export type { RecordedRequest } from "../kit/request-log"
export type { DeliveryAttempt } from "../kit/notifier"
export type { OrderState, TransactionState, TransactionType } from "./state/order-model"

export type ApiPathPrefix = "/api/v2" | "/v2"
export type CreditStartState = "Processed" | "Registered"

export interface WorldlineSandboxOptions {
  /** the only merchant id (`mid`) served; the token's `iss` and scopes must name it */
  merchantId: string
  /** the token's `iss` is `<applicationId>@<merchantId>` */
  applicationId: string
  /** the registered public keys (PEM), one or two (rollover) */
  publicKeys: string[]
  /** 0 (default) = an ephemeral port */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** the base clock, ms since the epoch or a Date (default the system clock) */
  now?: () => number | Date
  /** diagnostics; default console.warn */
  log?: (message: string) => void
  /** the prefix served; the other answers 404. Default "/api/v2" */
  apiPathPrefix?: ApiPathPrefix
  /** where notifications go; null/absent = none are sent automatically */
  notificationUrl?: string | null
  /** pauses between notification attempts; attempts = length + 1. Default [500, 2000] */
  webhookRetryDelaysMs?: number[]
  /** access token life on the sandbox clock; default 300 */
  tokenLifetimeSeconds?: number
  /** how a business-rule refusal of a refund comes back; default "http_error" */
  refusalShape?: "http_error" | "rejected_transaction"
  /** refunds may exceed what was captured (legacy UnlimitedRefundAmount); default false */
  unlimitedRefundAmount?: boolean
  /** methods that refund by payout (Payout, Registered); default [7000] */
  payoutMethodIds?: number[]
  /** methods that allow several partial captures; default [1000] */
  partialCaptureMethodIds?: number[]
  /** the state of a new Credit; default "Processed" */
  creditsStartAs?: CreditStartState
  /** lineItems' totalAmount must add up to amount (31010); default true */
  checkLineTotals?: boolean
}

export interface WorldlineSandbox {
  /** e.g. http://127.0.0.1:4030 */
  origin: string
  /** = origin: the provider's `apiUrl` option (it adds apiPathPrefix itself) */
  apiUrl: string
  control: WorldlineSandboxControl
  close(): Promise<void>
}

export interface AmountJson {
  amount: number
  currency: string
}

export interface TransactionJson {
  transactionId: string
  transactionType: TransactionType
  state: TransactionState
  statusCode: number
  description: string
  amount: AmountJson
  referenceTransactionId: string | null
  requestId: string | null
  createdAt: string
  updatedAt: string
}

/** GET …/orders/{orderId} (docs/gateways/worldline.md#orders-and-payments) */
export interface OrderJson {
  mid: string
  orderId: string
  orderState: OrderState
  paymentMethodId: number
  capturable: boolean
  orderAmount: AmountJson
  authorizedAmount: AmountJson
  capturedAmount: AmountJson
  refundedAmount: AmountJson
  transactions: TransactionJson[]
}

/** A refund transaction for tests: the amount as decimal text ("10.50"). */
export interface RefundTransactionView extends Omit<TransactionJson, "amount"> {
  amount: string
  currency: string
}

export type PaymentOutcome = "authorized" | "declined"

export interface PayOptions {
  /** default "authorized" */
  outcome?: PaymentOutcome
}

export interface SettleRefundOptions {
  state: "Processed" | "Declined"
  /** the transaction's description; default "Approved" / "Declined" */
  description?: string
}

export interface PortalCaptureOptions {
  /** decimal text in the order's currency, e.g. "20.00" */
  amount: string
}

export interface DashboardRefundOptions {
  /** decimal text in the order's currency, e.g. "10.00" */
  amount: string
  /** the capture refunded; default the oldest capture whose rest covers it */
  transactionId?: string
}

/** The kit's record plus the order it is about. */
export interface NotificationRecord extends KitNotificationRecord {
  orderId: string
}

/**
 * Scripting Worldline from tests and the dev store: the kit's operations (see ../kit/README.md)
 * plus Worldline's own; each is also under /_control over HTTP. Misuse throws a ControlError.
 */
export interface WorldlineSandboxControl extends KitControl<NotificationRecord> {
  /** the order as GET renders it; undefined when unknown */
  order(orderId: string): OrderJson | undefined
  /** the shopper finishes on the hosted page; answers returnUrl?orderId=…&cres=… */
  pay(orderId: string, options?: PayOptions): { redirectUrl: string }
  /** Registered refund transactions end; `ref`: a transaction id, ids joined with "+", or a requestId */
  settleRefund(orderId: string, ref: string, options: SettleRefundOptions): OrderJson
  setCreditsStartAs(state: CreditStartState): void
  /** a capture made in Worldline's portal: a Processed Capture without requestId */
  portalCapture(
    orderId: string,
    options: PortalCaptureOptions,
  ): { transaction: TransactionJson; order: OrderJson }
  /** a refund made in Worldline's portal: a Processed Credit without requestId */
  dashboardRefund(
    orderId: string,
    options: DashboardRefundOptions,
  ): { transaction: TransactionJson; order: OrderJson }
  /** one notification about the order now, whatever autoNotify says; resolves when it ended */
  notify(orderId: string): Promise<NotificationRecord>
  setNotificationUrl(url: string | null): void
  /** the order's Credit and Payout transactions */
  refunds(orderId: string): RefundTransactionView[]
  /**
   * Every access token issued so far expires at once, on the sandbox clock; returns how many.
   * Assertions are unaffected (moving the clock an hour would expire them too).
   */
  expireTokens(): number
  /** forgets orders, request ids, logs, faults (issued tokens stay valid); settings back to the options */
  reset(): void
}
