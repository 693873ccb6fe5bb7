import { SandboxKit } from "../../kit/sandbox-kit"
import { ErrorCode, mspError } from "../errors"
import type { RefundConvention } from "../gateways"
import type { MultiSafepaySandboxOptions, NotificationRecord } from "../sandbox-types"
import { StoredOrder } from "./order-model"

export interface SandboxConfig {
  apiKey: string
  refundsStartAs: "reserved" | "completed"
  refundConventions: Readonly<Record<string, RefundConvention>>
  negativeUnitPriceGateways: ReadonlySet<string>
}

export function sandboxConfig(options: MultiSafepaySandboxOptions): SandboxConfig {
  return {
    apiKey: options.apiKey,
    refundsStartAs: options.refundsStartAs ?? "reserved",
    refundConventions: { ...options.refundConventions },
    negativeUnitPriceGateways: new Set(options.negativeUnitPriceGateways ?? []),
  }
}

/**
 * Everything one sandbox instance remembers about MultiSafepay: orders and ids. The clock,
 * logs, faults and notifier are the kit's. Rules live in api/; this only stores, finds, and
 * tells the notifier when an order changed.
 */
export class SandboxState {
  readonly orders = new Map<string, StoredOrder>()
  /** capture new_order_id → the order it was captured from */
  readonly aliases = new Map<string, string>()
  /** ids keep counting across reset() so a stale id from an earlier test never matches */
  private lastId = 4_010_000_000

  /** set by the notifications module: called after every change to an order */
  onOrderChanged: (order: StoredOrder) => void = () => undefined

  constructor(
    readonly config: SandboxConfig,
    readonly kit: SandboxKit<NotificationRecord>,
  ) {}

  now(): Date {
    return this.kit.clock.now()
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
    this.kit.reset()
    this.orders.clear()
    this.aliases.clear()
  }
}
