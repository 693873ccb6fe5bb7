import { PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"

/**
 * The action a gateway notification asks of Medusa for a payment now in `status`. Anything else
 * (pending, requires more) is `otherwise`: PENDING where Medusa should wait, NOT_SUPPORTED where
 * it should do nothing at all.
 */
export function paymentActionFor(
  status: PaymentSessionStatus,
  otherwise: PaymentActions = PaymentActions.NOT_SUPPORTED,
): PaymentActions {
  switch (status) {
    case PaymentSessionStatus.AUTHORIZED:
      return PaymentActions.AUTHORIZED
    case PaymentSessionStatus.CAPTURED:
      return PaymentActions.SUCCESSFUL
    case PaymentSessionStatus.ERROR:
      return PaymentActions.FAILED
    case PaymentSessionStatus.CANCELED:
      return PaymentActions.CANCELED
    default:
      return otherwise
  }
}
