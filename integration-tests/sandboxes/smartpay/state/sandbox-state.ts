import type { SandboxKit } from "../../kit/sandbox-kit"
import { isBase62 } from "../notifications/base62"
import type {
  NotificationRecord,
  RefundStartStatus,
  SmartpaySandboxOptions,
} from "../sandbox-types"
import { IdempotencyStore } from "./idempotency"
import type { StoredOrder, StoredPayment, StoredRefund } from "./model"

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS

/** A test secret key as the Node SDK accepts it (docs/gateways/smartpay.md#authentication). */
export const TEST_SECRET_KEY = /^sk_test_[0-9a-zA-Z]+$/

export interface SandboxConfig {
  secretKey: string
  signingSecret: string
  webhookUrl: string | null
  subscriptionId: string
  checkItemsSum: boolean
  negativeDiscounts: boolean
  refundsStartAs: RefundStartStatus
  idempotencyKeyLifetimeMs: number
  idempotencyMismatch: "conflict" | "replay"
  replayHeader: string
  authorizationLifetimeMs: number
}

const fail = (message: string): never => {
  throw new Error(`startSmartpaySandbox: ${message}`)
}

function positiveMs(value: number | undefined, fallback: number, name: string): number {
  const ms = value ?? fallback
  if (!Number.isSafeInteger(ms) || ms < 1) fail(`${name} must be a positive integer of ms`)
  return ms
}

/** Options with defaults applied, checked once so the rules never meet a bad setting. */
export function sandboxConfig(options: SmartpaySandboxOptions): SandboxConfig {
  // the sandbox is test mode only: a live key must never be configured into it
  if (typeof options.secretKey !== "string" || !TEST_SECRET_KEY.test(options.secretKey)) {
    fail("secretKey must be a test key, sk_test_ followed by letters and digits")
  }
  if (typeof options.signingSecret !== "string" || !isBase62(options.signingSecret)) {
    fail("signingSecret must be Base62 text (A-Z, a-z, 0-9)")
  }
  const startAs = options.refundsStartAs ?? "succeeded"
  if (startAs !== "succeeded" && startAs !== "pending") {
    fail('refundsStartAs must be "succeeded" or "pending"')
  }
  const mismatch = options.idempotencyMismatch ?? "conflict"
  if (mismatch !== "conflict" && mismatch !== "replay") {
    fail('idempotencyMismatch must be "conflict" or "replay"')
  }
  if (options.webhookUrl) new URL(options.webhookUrl)
  const subscriptionId = options.subscriptionId ?? "webhookendpoint_test_sandbox"
  if (!/^webhookendpoint_test_[0-9a-zA-Z]+$/.test(subscriptionId)) {
    fail("subscriptionId must look like webhookendpoint_test_<letters and digits>")
  }
  return {
    secretKey: options.secretKey,
    signingSecret: options.signingSecret,
    webhookUrl: options.webhookUrl || null,
    subscriptionId,
    checkItemsSum: options.checkItemsSum ?? true,
    negativeDiscounts: options.negativeDiscounts ?? false,
    refundsStartAs: startAs,
    idempotencyKeyLifetimeMs: positiveMs(
      options.idempotencyKeyLifetimeMs,
      6 * HOUR_MS,
      "idempotencyKeyLifetimeMs",
    ),
    idempotencyMismatch: mismatch,
    replayHeader: options.replayHeader ?? "Idempotency-Replayed",
    authorizationLifetimeMs: positiveMs(
      options.authorizationLifetimeMs,
      7 * DAY_MS,
      "authorizationLifetimeMs",
    ),
  }
}

/**
 * Everything one sandbox remembers about Smartpay (one merchant, test mode): checkout sessions,
 * orders, payments, refunds, idempotency keys, and the settings control may change. Clock, logs,
 * faults and notifier are the kit's. Rules live in api/ and control/.
 */
export class SandboxState {
  readonly orders = new Map<string, StoredOrder>()
  /** checkout session id → order id (one order per session) */
  readonly checkoutSessions = new Map<string, string>()
  readonly payments = new Map<string, StoredPayment>()
  readonly refunds = new Map<string, StoredRefund>()
  readonly idempotency: IdempotencyStore
  refundsStartAs: RefundStartStatus
  webhookUrl: string | null
  /**
   * how long a new refund stays off its payment's `refunds` list (ours: a listing that lags
   * behind, so a client that re-reads after a lost answer may not see the refund yet); 0 = never
   */
  refundListingDelayMs = 0

  constructor(
    readonly config: SandboxConfig,
    readonly kit: SandboxKit<NotificationRecord>,
    /** the base clock without the kit's offset: webhook signature timestamps (see events.ts) */
    readonly wallClockMs: () => number,
  ) {
    this.idempotency = new IdempotencyStore(config.idempotencyKeyLifetimeMs)
    this.refundsStartAs = config.refundsStartAs
    this.webhookUrl = config.webhookUrl
  }

  nowMs(): number {
    return this.kit.clock.now().getTime()
  }

  paymentsOf(order: StoredOrder): StoredPayment[] {
    return order.paymentIds.flatMap((id) => this.payments.get(id) ?? [])
  }

  refundsOf(payment: StoredPayment): StoredRefund[] {
    return payment.refundIds.flatMap((id) => this.refunds.get(id) ?? [])
  }

  reset(): void {
    this.kit.reset()
    this.orders.clear()
    this.checkoutSessions.clear()
    this.payments.clear()
    this.refunds.clear()
    this.idempotency.clear()
    this.refundsStartAs = this.config.refundsStartAs
    this.webhookUrl = this.config.webhookUrl
    this.refundListingDelayMs = 0
  }

  /** the payment's refund ids as its answers list them (see `refundListingDelayMs`) */
  listedRefundIds(payment: StoredPayment): string[] {
    const now = this.nowMs()
    return payment.refundIds.filter(
      (id) => (this.refunds.get(id)?.createdAt ?? 0) + this.refundListingDelayMs <= now,
    )
  }
}
