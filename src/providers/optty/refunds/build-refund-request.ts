import { MedusaError } from "@medusajs/framework/utils"
import { RefundIntent } from "../../../core/provider-refunds"
import { fromMinorUnits, toDecimal } from "../../../core/money"
import { refundRoundsToNothingMessage } from "../../../core/messages"
import { gatewayAmountMinor } from "../../../gateway-kit/gateway-amount"
import { RefundRequest } from "../api/requests"
import { opttyNumber } from "../money"
import { refundDescription } from "./refund-description"
import { refundReferenceFor } from "./refund-reference"

/**
 * One Optty refund for one Medusa refund. Optty refunds amounts only: the plan's lines go into
 * the description; the amount is Medusa's, rounded half up to the cent together with what the
 * payment's earlier refunds left over (`gatewayAmountMinor`), so cents never pile up.
 */
export function buildRefundRequest(input: {
  intent: RefundIntent
  /** the order currency, upper case */
  currency: string
  isActivatedViaOAuth: boolean
}): { body: RefundRequest; amount_minor: number } {
  const { intent, currency } = input
  const amountMinor = gatewayAmountMinor(intent, currency)
  if (amountMinor <= 0) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      refundRoundsToNothingMessage({
        gateway: "Optty",
        amount: toDecimal(intent.amount).toFixed(),
        currency_code: currency,
        smallest: fromMinorUnits(1, currency),
      }),
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
