/**
 * Refund rules shared by the refund call and refunds made in Optty's portal (control).
 */
import { randomUUID } from "node:crypto"
import { formatCents } from "../money/amounts"
import type { RefundStatus } from "../sandbox-types"
import type { Cents, OpttyOrderState, StoredRefund } from "../state/order-model"
import {
  overRefundMessage,
  PAID_STATUSES,
  refundableTotalCents,
  refundedCents,
  remainingRefundableCents,
} from "../state/order-amounts"
import type { SandboxState } from "../state/sandbox-state"

/**
 * The order must be paid and the amount within what is left to refund (Optty's message:
 * docs/gateways/optty.md#refund-amounts-and-limits).
 */
export function refusalOfRefund(order: OpttyOrderState, amountCents: Cents): string | null {
  if (!PAID_STATUSES.has(order.status)) {
    return `Order ${order.orderReference} cannot be refunded: its status is ${order.status}`
  }
  if (amountCents > remainingRefundableCents(order)) return overRefundMessage(order)
  return null
}

/**
 * "Partial refund (if the APM supports it)": for a provider listed in fullRefundOnlyProviders
 * the only refund allowed is one of the whole refundable total, made before any other.
 */
export function refusalOfPartial(
  state: SandboxState,
  order: OpttyOrderState,
  amountCents: Cents,
): string | null {
  if (!state.config.fullRefundOnlyProviders.has(order.provider)) return null
  const total = refundableTotalCents(order)
  if (refundedCents(order) === 0 && amountCents === total) return null
  return `${order.provider} does not support partial refunds: only a full refund of ${order.currency} ${formatCents(total)} is possible`
}

export interface NewRefund {
  refundId: string
  sentReference: string | null
  source: StoredRefund["source"]
  amountCents: Cents
  status: RefundStatus
  refundReason: string
  isActivatedViaOAuth: boolean | null
}

export function addRefund(
  state: SandboxState,
  order: OpttyOrderState,
  refund: NewRefund,
): StoredRefund {
  const now = state.nowIso()
  const stored: StoredRefund = {
    ...refund,
    currency: order.currency,
    createdAt: now,
    settledAt: refund.status === "PENDING" ? null : now,
    refundFailureReason: null,
    bnplRefundId: randomUUID(),
  }
  order.refunds.push(stored)
  return stored
}
