import { TokenStore } from "../auth/token-store"
import { notFound } from "../errors"
import type {
  FaultSpec,
  NotificationRecord,
  OpttySandboxOptions,
  RecordedRequest,
} from "../sandbox-types"
import type { OpttyOrderState } from "./order-model"

export type RefundStartStatus = "SUCCESSFUL" | "PENDING"

export interface SandboxConfig {
  clientId: string
  clientSecret: string
  merchantId: string
  paymentSecret: string
  tokenTtlSeconds: number
  refundsStartAs: RefundStartStatus
  autoCaptureProviders: ReadonlySet<string>
  fullRefundOnlyProviders: ReadonlySet<string>
  webhookUrl: string | null
  webhookRetryDelaysMs: readonly number[]
  baseNow: () => Date
  log: (message: string) => void
}

function requireText(options: OpttySandboxOptions, field: keyof OpttySandboxOptions): string {
  const value = options[field]
  if (typeof value !== "string" || value === "") {
    throw new Error(`startOpttySandbox: ${field} is required`)
  }
  return value
}

/** Options with defaults applied, checked once so the rules never meet a bad setting. */
export function sandboxConfig(options: OpttySandboxOptions): SandboxConfig {
  const ttl = options.tokenTtlSeconds ?? 86_400
  if (!Number.isSafeInteger(ttl) || ttl < 1) {
    throw new Error("startOpttySandbox: tokenTtlSeconds must be a positive integer")
  }
  const startAs = options.refundsStartAs ?? "SUCCESSFUL"
  if (startAs !== "SUCCESSFUL" && startAs !== "PENDING") {
    throw new Error('startOpttySandbox: refundsStartAs must be "SUCCESSFUL" or "PENDING"')
  }
  const delays = options.webhookRetryDelaysMs ?? [500, 2000]
  if (!delays.every((delay) => Number.isFinite(delay) && delay >= 0)) {
    throw new Error("startOpttySandbox: webhookRetryDelaysMs must be non-negative numbers")
  }
  if (options.webhookUrl !== undefined) new URL(options.webhookUrl)
  return {
    clientId: requireText(options, "clientId"),
    clientSecret: requireText(options, "clientSecret"),
    merchantId: requireText(options, "merchantId"),
    paymentSecret: requireText(options, "paymentSecret"),
    tokenTtlSeconds: ttl,
    refundsStartAs: startAs,
    autoCaptureProviders: new Set(options.autoCaptureProviders ?? []),
    fullRefundOnlyProviders: new Set(options.fullRefundOnlyProviders ?? []),
    webhookUrl: options.webhookUrl ?? null,
    webhookRetryDelaysMs: [...delays],
    baseNow: options.now ?? (() => new Date()),
    log: options.log ?? ((message) => console.warn(message)),
  }
}

export interface ActiveFault extends FaultSpec {
  remaining: number
  /** matching requests still to let through before the fault applies */
  skipping?: number
}

/**
 * Everything one sandbox instance remembers (one merchant). Rules live in api/ and control/;
 * this only stores and finds.
 */
export class SandboxState {
  readonly orders = new Map<string, OpttyOrderState>()
  readonly tokens = new TokenStore()
  requestLog: RecordedRequest[] = []
  notificationLog: NotificationRecord[] = []
  faults: ActiveFault[] = []
  autoNotify = true
  refundsStartAs: RefundStartStatus
  private clockOffsetMs = 0

  constructor(readonly config: SandboxConfig) {
    this.refundsStartAs = config.refundsStartAs
  }

  now(): Date {
    return new Date(this.config.baseNow().getTime() + this.clockOffsetMs)
  }

  nowIso(): string {
    return this.now().toISOString()
  }

  advanceClock(ms: number): Date {
    this.clockOffsetMs += ms
    return this.now()
  }

  /** An unknown orderReference answers Optty's 404. */
  requireOrder(orderReference: string): OpttyOrderState {
    const order = this.orders.get(orderReference)
    if (!order) throw notFound()
    return order
  }

  /** The secrets no log may ever show. */
  secrets(): string[] {
    return [this.config.clientSecret, this.config.paymentSecret]
  }

  reset(): void {
    this.orders.clear()
    this.tokens.clear()
    this.requestLog = []
    this.notificationLog = []
    this.faults = []
    this.autoNotify = true
    this.refundsStartAs = this.config.refundsStartAs
    this.clockOffsetMs = 0
  }
}
