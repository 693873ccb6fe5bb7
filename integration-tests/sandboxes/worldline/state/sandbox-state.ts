import { createPublicKey, type KeyObject } from "node:crypto"
import type { SandboxKit } from "../../kit/sandbox-kit"
import { TokenStore } from "../auth/token-store"
import { notFound } from "../errors"
import type {
  ApiPathPrefix,
  CreditStartState,
  NotificationRecord,
  WorldlineSandboxOptions,
} from "../sandbox-types"
import type { StoredOrder } from "./order-model"
import { RequestIds } from "./request-ids"

export interface SandboxConfig {
  merchantId: string
  applicationId: string
  publicKeys: KeyObject[]
  apiPathPrefix: ApiPathPrefix
  notificationUrl: string | null
  tokenLifetimeSeconds: number
  refusalShape: "http_error" | "rejected_transaction"
  unlimitedRefundAmount: boolean
  payoutMethodIds: ReadonlySet<number>
  partialCaptureMethodIds: ReadonlySet<number>
  creditsStartAs: CreditStartState
  checkLineTotals: boolean
}

const fail = (message: string): never => {
  throw new Error(`startWorldlineSandbox: ${message}`)
}

function text(options: WorldlineSandboxOptions, field: "merchantId" | "applicationId"): string {
  const value = options[field]
  return typeof value === "string" && value !== "" ? value : fail(`${field} is required`)
}

/** Options with defaults applied, checked once so the rules never meet a bad setting. */
export function sandboxConfig(options: WorldlineSandboxOptions): SandboxConfig {
  const keys = options.publicKeys ?? []
  if (keys.length < 1 || keys.length > 2) fail("publicKeys must hold one or two PEM public keys")
  const publicKeys = keys.map((pem) => {
    const key = createPublicKey(pem)
    if (key.asymmetricKeyType !== "rsa") fail("publicKeys must be RSA keys")
    return key
  })
  const lifetime = options.tokenLifetimeSeconds ?? 300
  if (!Number.isSafeInteger(lifetime) || lifetime < 1) {
    fail("tokenLifetimeSeconds must be a positive integer")
  }
  const prefix = options.apiPathPrefix ?? "/api/v2"
  if (prefix !== "/api/v2" && prefix !== "/v2") fail('apiPathPrefix must be "/api/v2" or "/v2"')
  const startAs = options.creditsStartAs ?? "Processed"
  if (startAs !== "Processed" && startAs !== "Registered") {
    fail('creditsStartAs must be "Processed" or "Registered"')
  }
  const shape = options.refusalShape ?? "http_error"
  if (shape !== "http_error" && shape !== "rejected_transaction") {
    fail('refusalShape must be "http_error" or "rejected_transaction"')
  }
  if (options.notificationUrl) new URL(options.notificationUrl)
  return {
    merchantId: text(options, "merchantId"),
    applicationId: text(options, "applicationId"),
    publicKeys,
    apiPathPrefix: prefix,
    notificationUrl: options.notificationUrl || null,
    tokenLifetimeSeconds: lifetime,
    refusalShape: shape,
    unlimitedRefundAmount: options.unlimitedRefundAmount ?? false,
    payoutMethodIds: new Set(options.payoutMethodIds ?? [7000]),
    partialCaptureMethodIds: new Set(options.partialCaptureMethodIds ?? [1000]),
    creditsStartAs: startAs,
    checkLineTotals: options.checkLineTotals ?? true,
  }
}

/**
 * Everything one sandbox remembers about Worldline (one merchant): orders, tokens, request ids,
 * hosted-page parameters and the settings control may change. Clock, logs, faults and notifier
 * are the kit's. Rules live in auth/, api/ and control/.
 */
export class SandboxState {
  readonly orders = new Map<string, StoredOrder>()
  readonly tokens = new TokenStore()
  readonly requestIds = new RequestIds()
  /** hosted-page creq → order id */
  readonly creqs = new Map<string, string>()
  creditsStartAs: CreditStartState
  notificationUrl: string | null
  private transactionCounter = 0

  constructor(
    readonly config: SandboxConfig,
    readonly kit: SandboxKit<NotificationRecord>,
  ) {
    this.creditsStartAs = config.creditsStartAs
    this.notificationUrl = config.notificationUrl
  }

  nowMs(): number {
    return this.kit.clock.now().getTime()
  }

  nowIso(): string {
    return this.kit.clock.nowIso()
  }

  /** Numeric text like the doc's example ("7000001"), unique within this sandbox run. */
  nextTransactionId(): string {
    this.transactionCounter += 1
    return String(7_000_000 + this.transactionCounter)
  }

  isPartialCapture(order: StoredOrder): boolean {
    return this.config.partialCaptureMethodIds.has(order.paymentMethodId)
  }

  requireOrder(orderId: string): StoredOrder {
    const order = this.orders.get(orderId)
    if (!order) throw notFound(`Order ${orderId} does not exist`)
    return order
  }

  reset(): void {
    this.kit.reset()
    this.orders.clear()
    // issued tokens stay valid, as they would at Worldline: a provider's cache outlives a test
    this.requestIds.clear()
    this.creqs.clear()
    this.transactionCounter = 0
    this.creditsStartAs = this.config.creditsStartAs
    this.notificationUrl = this.config.notificationUrl
  }
}
