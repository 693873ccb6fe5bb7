import { paymentActionFor } from "../../gateway-kit/payment-action"
import { PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import { RefundStatus } from "../../core/payment-data"
import { MspOrder } from "./api/schemas"
import { isPayLater } from "./gateways"

/**
 * A MultiSafepay order's status as a Medusa payment status. "completed" means money reserved but
 * not taken for pay-later methods (taken at shipment) and for manual-capture cards with an amount
 * left to capture; for everything else it means paid.
 */
export function paymentStatus(order: MspOrder): PaymentSessionStatus {
  switch (order.status) {
    case "completed":
      return awaitsCapture(order) ? PaymentSessionStatus.AUTHORIZED : PaymentSessionStatus.CAPTURED
    case "shipped":
    case "refunded":
    case "partial_refunded":
    case "chargeback":
    case "chargedback":
      return PaymentSessionStatus.CAPTURED
    case "declined":
      return PaymentSessionStatus.ERROR
    case "cancelled":
    case "canceled":
    case "expired":
      return PaymentSessionStatus.CANCELED
    case "void":
      // Pay-later orders end "void" after a full refund: the payment was made.
      return hasRefunds(order) ? PaymentSessionStatus.CAPTURED : PaymentSessionStatus.CANCELED
    default:
      // initialized, uncleared, reserved: the shopper or the bank has not finished
      return PaymentSessionStatus.PENDING
  }
}

export function awaitsCapture(order: MspOrder): boolean {
  if (isPayLater(order.payment_details?.type)) return true
  return (
    order.payment_details?.capture === "manual" && (order.payment_details.capture_remain ?? 0) > 0
  )
}

function hasRefunds(order: MspOrder): boolean {
  return (order.related_transactions ?? []).some((t) => t.type === "refund")
}

/** The Medusa webhook action for an order's status. Refund states are not payment actions. */
export function webhookAction(order: MspOrder): PaymentActions {
  if (hasRefunds(order)) return PaymentActions.NOT_SUPPORTED
  return paymentActionFor(paymentStatus(order), PaymentActions.PENDING)
}

/** A refund transaction's status in MultiSafepay, as the plugin's refund status. */
export function refundStatus(mspStatus: string): RefundStatus {
  switch (mspStatus) {
    case "completed":
      return "succeeded"
    case "declined":
    case "cancelled":
    case "canceled":
    case "void":
    case "expired":
      return "failed"
    default:
      // initialized, reserved (waiting for balance or, in test, for "Accept")
      return "pending"
  }
}
