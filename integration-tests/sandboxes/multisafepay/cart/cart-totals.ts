import { centsToMinor } from "../money/currency"
import { formatFixed, roundHalfUp } from "../money/fixed-point"
import { RATE_SCALE, UNIT_PRICE_SCALE } from "../state/order-model"

export interface TotalLine {
  unitPrice: bigint
  quantity: number
  rate: bigint
}

/** Cart totals in cents of the major unit (scale 2), and the order currency's minor units. */
export interface CartTotals {
  itemsCents: bigint
  vatCents: bigint
  totalCents: bigint
  totalMinor: bigint
}

/**
 * MultiSafepay's rounding rule (docs/gateways/multisafepay.md#rounding): the items total Σ
 * unit_price×qty and the VAT total Σ unit_price×qty×rate are each rounded half-up to 2 decimals,
 * then added. Rounding the two sums (not each line) is what makes a cart 1 cent off.
 */
export function cartTotals(lines: readonly TotalLine[], currency: string): CartTotals {
  let items = 0n
  let vat = 0n
  for (const line of lines) {
    const lineTotal = line.unitPrice * BigInt(line.quantity)
    items += lineTotal
    vat += lineTotal * line.rate
  }
  const itemsCents = roundHalfUp(items, UNIT_PRICE_SCALE, 2)
  const vatCents = roundHalfUp(vat, UNIT_PRICE_SCALE + RATE_SCALE, 2)
  const totalCents = itemsCents + vatCents
  return { itemsCents, vatCents, totalCents, totalMinor: centsToMinor(totalCents, currency) }
}

export function describeTotals(totals: CartTotals, currency: string): string {
  return `${formatFixed(totals.totalCents, 2)} ${currency} = items ${formatFixed(totals.itemsCents, 2)} + VAT ${formatFixed(totals.vatCents, 2)}`
}
