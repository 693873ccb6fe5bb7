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
 * A refund whose gateway figure is not known yet (in doubt) counts as what it asked for: its
 * amount plus the carry its plan was sent with (`carryOfPlan`), rounded. One outside the plugin's
 * gateways counts as its amount rounded, which is what such a refund sends. The refund being
 * retried (`excludeKey`) is left out: its own amount is what is being sent.
 */
export function gatewayRoundingCarry(
  entries: ReadonlyArray<LedgerRefund>,
  paymentId: string,
  options: {
    excludeKey?: string
    carryOfPlan?: (planId: string) => string | null | undefined
  } = {},
): string {
  let carry = toDecimal(0)
  for (const entry of entries) {
    if (entry.payment_id !== paymentId || !HOLDING_STATUSES.has(entry.status)) continue
    if (options.excludeKey !== undefined && entry.idempotency_key === options.excludeKey) continue
    const paid = entry.gateway_amount ?? askedFor(entry, options.carryOfPlan)
    carry = carry.plus(toDecimal(entry.amount)).minus(toDecimal(paid))
  }
  return decimalString(carry)
}

/** What a refund asked its gateway for: Medusa's amount plus its plan's carry, rounded. */
function askedFor(
  entry: LedgerRefund,
  carryOfPlan?: (planId: string) => string | null | undefined,
): string {
  const carry = (entry.plan_id && carryOfPlan?.(entry.plan_id)) || "0"
  return roundToCurrency(toDecimal(entry.amount).plus(toDecimal(carry)), entry.currency_code)
}
