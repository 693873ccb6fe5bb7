import { paymentActionFor } from "../../gateway-kit/payment-action"
import { PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import { RefundStatus } from "../../core/payment-data"
import { toMinorUnits } from "../../core/money"
import { OpttyOrderDetails } from "./api/schemas"

/**
 * Optty's order statuses (Transaction Details, Notifications): INITIATED → PENDING →
 * SUCCESSFUL, or DECLINED / CANCELLED / ERROR. VOIDED is what the sandbox reports after a full
 * void (undocumented). Whether a SUCCESSFUL order is captured is read from its captures.
 */
export function paymentStatus(details: OpttyOrderDetails, currency: string): PaymentSessionStatus {
  switch (details.status.toUpperCase()) {
    case "SUCCESSFUL":
      return covered(details, currency, capturedMinor)
        ? PaymentSessionStatus.CAPTURED
        : covered(details, currency, voidedMinor)
          ? PaymentSessionStatus.CANCELED
          : PaymentSessionStatus.AUTHORIZED
    case "DECLINED":
    case "ERROR":
      return PaymentSessionStatus.ERROR
    case "CANCELLED":
    case "VOIDED":
      return PaymentSessionStatus.CANCELED
    default:
      // INITIATED, PENDING and anything Optty adds later: not final, never treated as paid
      return PaymentSessionStatus.PENDING
  }
}

/**
 * The payment action a notification leads to, from the details Optty gave us (never the body).
 * Once an order has refunds its notifications are about refunds: the payment's own state was
 * settled before, and repeating "captured" would ask Medusa to capture again.
 */
export function webhookAction(details: OpttyOrderDetails, currency: string): PaymentActions {
  if ((details.refunds ?? []).length > 0) return PaymentActions.NOT_SUPPORTED
  return paymentActionFor(paymentStatus(details, currency))
}

/** Optty's refund statuses: SUCCESSFUL in its samples; PENDING and FAILED as in its other flows. */
export function refundStatus(status: string): RefundStatus {
  const upper = status.toUpperCase()
  if (upper === "SUCCESSFUL" || upper === "SUCCESS" || upper === "COMPLETED") return "succeeded"
  if (upper === "FAILED" || upper === "DECLINED" || upper === "ERROR" || upper === "CANCELLED") {
    return "failed"
  }
  return "pending"
}

export function capturedMinor(details: OpttyOrderDetails, currency: string): number {
  return (details.orderCaptures ?? []).reduce((sum, c) => sum + toMinorUnits(c.amount, currency), 0)
}

export function voidedMinor(details: OpttyOrderDetails, currency: string): number {
  return (details.orderVoids ?? []).reduce((sum, v) => sum + toMinorUnits(v.amount, currency), 0)
}

/** true when captures (or voids) cover the whole order amount */
function covered(
  details: OpttyOrderDetails,
  currency: string,
  sum: (details: OpttyOrderDetails, currency: string) => number,
): boolean {
  if (details.orderAmount == null) return false
  const total = toMinorUnits(details.orderAmount, currency)
  return total > 0 && sum(details, currency) >= total
}
