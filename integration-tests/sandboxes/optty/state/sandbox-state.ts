import type { SandboxKit } from "../../kit/sandbox-kit"
import { TokenStore } from "../auth/token-store"
import { notFound } from "../errors"
import type { NotificationRecord, OpttySandboxOptions } from "../sandbox-types"
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
  }
}

/**
 * Everything one sandbox instance remembers about Optty (one merchant): orders, tokens and the
 * refund start status. The clock, logs, faults and notifier are the kit's. Rules live in api/
 * and control/; this only stores and finds.
 */
export class SandboxState {
  readonly orders = new Map<string, OpttyOrderState>()
  readonly tokens = new TokenStore()
  refundsStartAs: RefundStartStatus

  constructor(
    readonly config: SandboxConfig,
    readonly kit: SandboxKit<NotificationRecord>,
  ) {
    this.refundsStartAs = config.refundsStartAs
  }

  now(): Date {
    return this.kit.clock.now()
  }

  nowIso(): string {
    return this.kit.clock.nowIso()
  }

  /** An unknown orderReference answers Optty's 404. */
  requireOrder(orderReference: string): OpttyOrderState {
    const order = this.orders.get(orderReference)
    if (!order) throw notFound()
    return order
  }

  reset(): void {
    this.kit.reset()
    this.orders.clear()
    this.tokens.clear()
    this.refundsStartAs = this.config.refundsStartAs
  }
}
