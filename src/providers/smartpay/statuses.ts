import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { RefundStatus } from "../../core/payment-data"

/**
 * Smartpay's order statuses as Medusa session statuses (docs/gateways/smartpay.md#order-statuses):
 * `requires_authorization` the shopper has not finished; `requires_capture` authorised (manual
 * capture); `succeeded` captured (in full, or the rest ended); `rejected` refused by Smartpay's
 * screening; `canceled` ended before capture. `pending` (Go SDK) and `failed` (Node SDK) are
 * listed by some SDKs and never documented: waiting, and a failure. Anything else is an error.
 */
export function paymentStatus(orderStatus: string): PaymentSessionStatus {
  switch (orderStatus) {
    case "requires_capture":
      return PaymentSessionStatus.AUTHORIZED
    case "succeeded":
      return PaymentSessionStatus.CAPTURED
    case "rejected":
    case "failed":
      return PaymentSessionStatus.ERROR
    case "canceled":
      return PaymentSessionStatus.CANCELED
    case "requires_authorization":
    case "pending":
      return PaymentSessionStatus.PENDING
    default:
      // a status no source lists: not a payment Medusa may treat as made (logged by the service)
      return PaymentSessionStatus.ERROR
  }
}

/** The statuses the table knows; the service logs any other it reads. */
export const KNOWN_ORDER_STATUSES: readonly string[] = [
  "requires_authorization",
  "pending",
  "requires_capture",
  "succeeded",
  "rejected",
  "failed",
  "canceled",
]

/**
 * A refund's status (docs/gateways/smartpay.md#refund-answer): `succeeded` | `failed`; a refund
 * without one (the Node SDK's type has none) was answered 2xx, which Smartpay calls final.
 */
export function refundStatus(status: string | null | undefined): RefundStatus {
  if (status == null || status === "succeeded") return "succeeded"
  if (status === "failed") return "failed"
  return "pending"
}
