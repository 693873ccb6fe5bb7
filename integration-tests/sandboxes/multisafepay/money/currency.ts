/**
 * MultiSafepay amounts are "minor units" (1000 = EUR 10, 10 = JPY 10) by the kit's ISO 4217
 * table, while its cart rounding rule works in 2 decimals.
 */
import { currencyExponent } from "../../kit/currency-exponents"
import { pow10, roundHalfUp } from "./fixed-point"

export { currencyExponent }

/** A 2-decimal major-unit value (the rounding rule's output) in the currency's minor units. */
export function centsToMinor(cents: bigint, currency: string): bigint {
  return roundHalfUp(cents, 2, currencyExponent(currency))
}

/** Minor units as a fixed-point major-unit value at `scale` decimals. */
export function minorToFixed(minor: bigint, currency: string, scale: number): bigint {
  const exponent = currencyExponent(currency)
  return scale >= exponent ? minor * pow10(scale - exponent) : roundHalfUp(minor, exponent, scale)
}
