import { ErrorCode, mspError } from "../errors"
import { DEFAULT_REFUND_CONVENTIONS, RefundConvention } from "../gateways"
import type { FaultSpec, NotificationRecord, RecordedRequest } from "../sandbox-types"
import { StoredOrder } from "./order-model"

export interface SandboxConfig {
  apiKey: string
  refundsStartAs: "reserved" | "completed"
  refundConventions: Readonly<Record<string, RefundConvention>>
  baseNow: () => Date
  log: (message: string) => void
}

export function sandboxConfig(options: {
  apiKey: string
  refundsStartAs?: "reserved" | "completed"
  refundConventions?: Record<string, RefundConvention>
  now?: () => Date
  log?: (message: string) => void
}): SandboxConfig {
  return {
    apiKey: options.apiKey,
    refundsStartAs: options.refundsStartAs ?? "reserved",
    refundConventions: { ...DEFAULT_REFUND_CONVENTIONS, ...options.refundConventions },
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
 * Everything one sandbox instance remembers. Rules live in api/; this only stores, finds, and
 * tells the notifier when an order changed.
 */
export class SandboxState {
  readonly orders = new Map<string, StoredOrder>()
  /** capture new_order_id → the order it was captured from */
  readonly aliases = new Map<string, string>()
  requestLog: RecordedRequest[] = []
  notificationLog: NotificationRecord[] = []
  faults: ActiveFault[] = []
  autoNotify = true
  private clockOffsetMs = 0
  /** ids keep counting across reset() so a stale id from an earlier test never matches */
  private lastId = 4_010_000_000

  /** set by the notifier: called after every change to an order */
  onOrderChanged: (order: StoredOrder) => void = () => undefined

  constructor(readonly config: SandboxConfig) {}

  now(): Date {
    return new Date(this.config.baseNow().getTime() + this.clockOffsetMs)
  }

  advanceClock(seconds: number): Date {
    this.clockOffsetMs += seconds * 1000
    return this.now()
  }

  /** transaction, refund and capture ids share one counter, like MultiSafepay's transaction ids */
  nextId(): number {
    this.lastId += 1
    return this.lastId
  }

  findOrder(id: string): StoredOrder | undefined {
    return this.orders.get(id) ?? this.orders.get(this.aliases.get(id) ?? "")
  }

  requireOrder(id: string): StoredOrder {
    const order = this.findOrder(id)
    if (!order) throw mspError(ErrorCode.INVALID_TRANSACTION_ID, "Invalid transaction ID")
    return order
  }

  isOrderIdTaken(id: string): boolean {
    return this.orders.has(id) || this.aliases.has(id)
  }

  /** records a change: bumps `modified` and lets the notifier react */
  changed(order: StoredOrder): void {
    order.modified = this.now()
    this.onOrderChanged(order)
  }

  reset(): void {
    this.orders.clear()
    this.aliases.clear()
    this.requestLog = []
    this.notificationLog = []
    this.faults = []
    this.autoNotify = true
    this.clockOffsetMs = 0
  }
}
