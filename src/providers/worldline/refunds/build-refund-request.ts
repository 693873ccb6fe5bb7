import { MedusaError } from "@medusajs/framework/utils"
import { refundRoundsToNothingMessage } from "../../../core/messages"
import { fromMinorUnits, toDecimal } from "../../../core/money"
import { RefundIntent } from "../../../core/provider-refunds"
import { gatewayAmountMinor } from "../../../gateway-kit/gateway-amount"
import { DecimalLiteral, toJsonText, worldlineAmount } from "../money"

export interface WorldlineRefundBody {
  requestId: string
  amount: { amount: DecimalLiteral; currency: string }
  transactionId?: string
}

export interface WorldlineRefundRequest {
  body: WorldlineRefundBody
  /** the exact body sent, every time this refund is sent (`10.50` stays `10.50`) */
  jsonText: string
  amount_minor: number
  /** the amount as decimal text with the currency's decimals */
  amount: string
  currency: string
}

/**
 * Worldline's refund body (docs/gateways/worldline.md#refund-request) for one Medusa refund:
 * Medusa's amount with the payment's rounding carry (`gatewayAmountMinor`), in major units exact
 * to the currency's exponent, under `requestId`, by order or referencing one capture.
 */
export function buildRefundRequest(input: {
  intent: RefundIntent
  /** the order currency */
  currency: string
  requestId: string
  transactionId?: string | null
}): WorldlineRefundRequest {
  const currency = input.currency.toUpperCase()
  const amountMinor = gatewayAmountMinor(input.intent, currency)
  if (amountMinor <= 0) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      refundRoundsToNothingMessage({
        gateway: "Worldline",
        amount: toDecimal(input.intent.amount).toFixed(),
        currency_code: currency,
        smallest: fromMinorUnits(1, currency),
      }),
    )
  }
  const body: WorldlineRefundBody = {
    requestId: input.requestId,
    amount: worldlineAmount(amountMinor, currency),
    ...(input.transactionId ? { transactionId: input.transactionId } : {}),
  }
  return {
    body,
    jsonText: toJsonText(body),
    amount_minor: amountMinor,
    amount: fromMinorUnits(amountMinor, currency),
    currency,
  }
}
