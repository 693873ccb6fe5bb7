import { MedusaError } from "@medusajs/framework/utils"
import { RefundIntent } from "../../../core/provider-refunds"
import { fromMinorUnits, toMinorUnits } from "../../../core/money"
import { RefundRequest } from "../api/requests"
import { opttyNumber } from "../money"
import { refundDescription } from "./refund-description"
import { refundReferenceFor } from "./refund-reference"

/**
 * One Optty refund for one Medusa refund. Optty refunds amounts only: the plan's lines go into
 * the description; the amount is Medusa's, which plans already round to the cent (an amount-only
 * refund typed with more decimals is rounded half up, within Medusa's own one-unit tolerance).
 */
export function buildRefundRequest(input: {
  intent: RefundIntent
  /** the order currency, upper case */
  currency: string
  isActivatedViaOAuth: boolean
}): { body: RefundRequest; amount_minor: number } {
  const { intent, currency } = input
  const amountMinor = toMinorUnits(intent.amount, currency)
  if (amountMinor <= 0) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Optty refunds must be positive; ${intent.amount} ${currency} rounds to ${fromMinorUnits(amountMinor, currency)}`,
    )
  }
  const amountText = `${currency} ${fromMinorUnits(amountMinor, currency)}`
  return {
    amount_minor: amountMinor,
    body: {
      refundReference: refundReferenceFor(intent.idempotency_key),
      refundAmount: { amount: opttyNumber(amountMinor, currency), currency },
      refundDescription: refundDescription(intent.plan, amountText),
      isActivatedViaOAuth: input.isActivatedViaOAuth,
    },
  }
}
