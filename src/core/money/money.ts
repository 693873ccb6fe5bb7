import { BigNumberInput } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { currencyExponent } from "./currency"
import { Decimal, Rounding, toDecimal } from "./decimal"

/**
 * Converts a major-unit amount (Medusa's unit: 12.5 = EUR 12.50) to an integer count of minor
 * units. Rounding is explicit because Medusa totals can carry fractions of a minor unit.
 */
export function toMinorUnits(
  amount: BigNumberInput | Decimal,
  currencyCode: string,
  rounding: Rounding = Rounding.HALF_UP,
): number {
  const exponent = currencyExponent(currencyCode)
  const minor = toDecimal(amount).shiftedBy(exponent).integerValue(rounding)
  const asNumber = minor.toNumber()
  if (!Number.isSafeInteger(asNumber)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Amount ${toDecimal(amount).toFixed()} ${currencyCode.toUpperCase()} is too large to handle exactly`,
    )
  }
  return asNumber
}

/** Integer minor units back to a major-unit decimal string with exactly the currency's decimals. */
export function fromMinorUnits(minor: number, currencyCode: string): string {
  return formatMinorUnits(minor, currencyExponent(currencyCode))
}

/**
 * Integer minor units as a major-unit string with exactly `exponent` decimals ("-0.05"), for
 * callers that look the exponent up once per plan rather than once per line. String arithmetic
 * on the digits: a safe integer prints without exponent notation, so nothing is rounded.
 */
export function formatMinorUnits(minor: number, exponent: number): string {
  if (!Number.isSafeInteger(minor)) {
    throw new TypeError(`Minor units must be a safe integer, got ${minor}`)
  }
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0")
  const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
  return minor < 0 ? `-${text}` : text
}

/** Rounds a major-unit amount to the currency's minor unit; returns a fixed-decimals string. */
export function roundToCurrency(
  amount: BigNumberInput | Decimal,
  currencyCode: string,
  rounding: Rounding = Rounding.HALF_UP,
): string {
  return fromMinorUnits(toMinorUnits(amount, currencyCode, rounding), currencyCode)
}

/** One minor unit in major units (EUR 0.01, JPY 1, KWD 0.001). Medusa's refund epsilon too. */
export function minorUnit(currencyCode: string): Decimal {
  return toDecimal(1).shiftedBy(-currencyExponent(currencyCode))
}

/**
 * True when two amounts differ by at most `units` minor units: a gateway's own rounding rule may
 * refund a unit more or less than Medusa computed for the same lines.
 */
export function withinMinorUnits(
  a: BigNumberInput | Decimal,
  b: BigNumberInput | Decimal,
  currencyCode: string,
  units: number,
): boolean {
  return toDecimal(a).minus(toDecimal(b)).abs().lte(minorUnit(currencyCode).times(units))
}

/**
 * True when two major-unit amounts are the same amount of money in this currency: they differ
 * by less than one minor unit (the tolerance Medusa applies to refunds and captures).
 */
export function sameAmountInCurrency(
  a: BigNumberInput | Decimal,
  b: BigNumberInput | Decimal,
  currencyCode: string,
): boolean {
  return toDecimal(a).minus(toDecimal(b)).abs().lt(minorUnit(currencyCode))
}
