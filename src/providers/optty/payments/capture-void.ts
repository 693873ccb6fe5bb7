import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { toMinorUnits } from "../../../core/money"
import { nothingToCaptureMessage, paidNotCancellableMessage } from "../../../core/messages"
import { GatewayError } from "../../../gateway-kit"
import { OpttyClient } from "../api/optty-client"
import { OpttyOrderDetails } from "../api/schemas"
import { opttyNumber } from "../money"
import { capturedMinor, paymentStatus, voidedMinor } from "../statuses"

/** What of the order is neither captured nor voided, in minor units. */
function uncapturedMinor(details: OpttyOrderDetails, currency: string): number {
  const total = toMinorUnits(details.orderAmount ?? 0, currency)
  return total - capturedMinor(details, currency) - voidedMinor(details, currency)
}

/**
 * Captures what remains uncaptured. The details are read first, so a capture whose answer was
 * lost is seen and never repeated; the reference is numbered by the captures Optty already has.
 * Returns the details after; refuses when the order is not captured, since Medusa books the
 * capture when this returns.
 */
export async function captureOpttyOrder(
  client: OpttyClient,
  reference: string,
  currency: string,
): Promise<OpttyOrderDetails> {
  let details = await client.details(reference)
  if (paymentStatus(details, currency) === PaymentSessionStatus.AUTHORIZED) {
    try {
      await client.capture(reference, {
        captureReference: `${reference}-capture-${(details.orderCaptures ?? []).length + 1}`,
        description: `Capture of ${reference} in Medusa`,
        amount: opttyNumber(uncapturedMinor(details, currency), currency),
      })
    } catch (error) {
      // a lost answer: the details read next tell whether it was captured
      if (!(error instanceof GatewayError && error.ambiguous)) throw error
    }
    details = await client.details(reference)
  }
  if (paymentStatus(details, currency) !== PaymentSessionStatus.CAPTURED) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      nothingToCaptureMessage({ gateway: "Optty", status: details.status, reference }),
    )
  }
  return details
}

/** Voids what has not been captured; a captured payment is refunded instead, never voided. */
export async function voidOpttyOrder(
  client: OpttyClient,
  reference: string,
  currency: string,
): Promise<OpttyOrderDetails> {
  const details = await client.details(reference)
  const status = paymentStatus(details, currency)
  if (status === PaymentSessionStatus.CAPTURED) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      paidNotCancellableMessage({ gateway: "Optty", reference }),
    )
  }
  if (status !== PaymentSessionStatus.AUTHORIZED || capturedMinor(details, currency) !== 0) {
    return details
  }
  await client.void(reference, {
    voidReference: `${reference}-void-${(details.orderVoids ?? []).length + 1}`,
    description: `Cancelled in Medusa`,
    amount: opttyNumber(uncapturedMinor(details, currency), currency),
  })
  return client.details(reference)
}
