/**
 * What an order's money allows, derived from its captures, voids and refunds every time (never
 * stored) so a failed refund or a new capture can never leave a stale figure behind.
 */
import { formatCents, sumCents } from "../money/amounts"
import type { PaymentStatus } from "../sandbox-types"
import type { Cents, OpttyOrderState, StoredRefund } from "./order-model"

export function capturedCents(order: OpttyOrderState): Cents {
  return sumCents(order.captures.map((capture) => capture.amountCents))
}

export function voidedCents(order: OpttyOrderState): Cents {
  return sumCents(order.voids.map((voided) => voided.amountCents))
}

/** What can still be captured or voided: the order amount less both (surcharge excluded). */
export function uncapturedCents(order: OpttyOrderState): Cents {
  return order.orderAmountCents - capturedCents(order) - voidedCents(order)
}

/** A FAILED refund gives its money back; PENDING ones still hold it. */
export function holdsMoney(refund: StoredRefund): boolean {
  return refund.status !== "FAILED"
}

export function refundedCents(order: OpttyOrderState): Cents {
  return sumCents(order.refunds.filter(holdsMoney).map((refund) => refund.amountCents))
}

/**
 * Optty's refund rules (docs/gateways/optty.md#refund-amounts-and-limits): all refunds together may
 * not exceed what was captured, and a full refund is the order amount plus the surcharge. So the
 * surcharge becomes refundable once something has been captured.
 */
export function refundableTotalCents(order: OpttyOrderState): Cents {
  const captured = capturedCents(order)
  return captured > 0 ? captured + order.surchargeCents : 0
}

export function remainingRefundableCents(order: OpttyOrderState): Cents {
  return refundableTotalCents(order) - refundedCents(order)
}

/**
 * Optty's over-refund message (docs/gateways/optty.md#refund-amounts-and-limits), verbatim apart
 * from the figures.
 */
export function overRefundMessage(order: OpttyOrderState): string {
  return `You can only refund amount up to ${order.currency} ${formatCents(remainingRefundableCents(order))}`
}

/** Captures, voids and refunds need a paid order (VOIDED keeps what was captured before). */
export const PAID_STATUSES: ReadonlySet<PaymentStatus> = new Set<PaymentStatus>([
  "SUCCESSFUL",
  "VOIDED",
])
