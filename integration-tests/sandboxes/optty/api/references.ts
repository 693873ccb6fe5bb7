/**
 * Merchant references are unique per merchant (Optty's docs say so for refundReference; the
 * sandbox applies the same to captures and voids). One sandbox is one merchant, so uniqueness
 * is checked across all its orders.
 */
import { badRequest } from "../errors"
import type { OpttyOrderState } from "../state/order-model"
import type { SandboxState } from "../state/sandbox-state"

function everyOrder(state: SandboxState): OpttyOrderState[] {
  return [...state.orders.values()]
}

export function refuseUsedCaptureReference(state: SandboxState, reference: string): void {
  if (everyOrder(state).some((o) => o.captures.some((c) => c.captureReference === reference))) {
    throw badRequest(`Capture reference ${reference} already exists`)
  }
}

export function refuseUsedVoidReference(state: SandboxState, reference: string): void {
  if (everyOrder(state).some((o) => o.voids.some((v) => v.voidReference === reference))) {
    throw badRequest(`Void reference ${reference} already exists`)
  }
}

/** A reference used before, even by a refund that later FAILED, cannot be used again. */
export function refuseUsedRefundReference(state: SandboxState, reference: string): void {
  if (everyOrder(state).some((o) => o.refunds.some((r) => r.sentReference === reference))) {
    throw badRequest(`Refund reference ${reference} already exists`)
  }
}

/**
 * The refundId Optty answers for a sent reference: Optty's sample answers "TgEHcPtpN2HSrTMK-0-00"
 * for "TgEHcPtpN2HSrTMK-0" (docs/gateways/optty.md#refund-references). The counter would only move
 * past 00 if a reference could repeat, which the uniqueness rule prevents; it is kept so the suffix
 * has one documented source.
 */
export function returnedRefundReference(state: SandboxState, sent: string): string {
  const earlier = everyOrder(state).reduce(
    (count, o) => count + o.refunds.filter((r) => r.sentReference === sent).length,
    0,
  )
  return `${sent}-${String(earlier).padStart(2, "0")}`
}
