import { toDecimal, toMinorUnits } from "../core/money"
import { RefundIntent } from "../core/provider-refunds"

/**
 * What the gateway is asked to refund for this intent, in the currency's minor units: Medusa's
 * amount plus the rounding its earlier refunds on the payment left over (`plan.gateway_carry`,
 * from `gatewayRoundingCarry` in src/core/ledger), rounded half up. Three refunds of 29.282 EUR
 * become 29.28, 29.28 and 29.29: the gateway's total stays within half a cent of Medusa's and
 * matches it once the payment is refunded in full.
 */
export function gatewayAmountMinor(intent: RefundIntent, currency: string): number {
  const carry = intent.plan?.gateway_carry ?? "0"
  return toMinorUnits(toDecimal(intent.amount).plus(toDecimal(carry)), currency)
}
