import { decimalString, roundToCurrency, toDecimal } from "../money"
import { HOLDING_STATUSES, LedgerRefund } from "./types"

/**
 * What a payment's earlier refunds left the gateway owing Medusa's books: the sum, over refunds
 * that hold money (in doubt, pending, succeeded), of Medusa's amount minus the gateway's. Medusa
 * books exact amounts (29.282); a gateway pays whole minor units (29.28), and some round totals
 * by their own rule. Adding this carry to the next refund before rounding keeps the gateway's
 * running total within half a minor unit of Medusa's, and exact once the payment is refunded in
 * full (see docs/gateways/multisafepay.md#rounding).
 *
 * A refund whose gateway amount is unknown (in doubt, outside the plugin's gateways) counts as
 * Medusa's amount rounded to the currency, which is what such a refund sends. The refund being
 * retried (`excludeKey`) is left out: its own amount is what is being sent.
 */
export function gatewayRoundingCarry(
  entries: ReadonlyArray<LedgerRefund>,
  paymentId: string,
  excludeKey?: string,
): string {
  let carry = toDecimal(0)
  for (const entry of entries) {
    if (entry.payment_id !== paymentId || !HOLDING_STATUSES.has(entry.status)) continue
    if (excludeKey !== undefined && entry.idempotency_key === excludeKey) continue
    const paid = entry.gateway_amount ?? roundToCurrency(entry.amount, entry.currency_code)
    carry = carry.plus(toDecimal(entry.amount)).minus(toDecimal(paid))
  }
  return decimalString(carry)
}
