import { BigNumberInput } from "@medusajs/framework/types"
import { MathBN } from "@medusajs/framework/utils"

/** The arbitrary-precision decimal Medusa's MathBN works with (bignumber.js). */
export type Decimal = ReturnType<typeof MathBN.convert>

/**
 * Rounding modes we name explicitly. Values are bignumber.js rounding-mode numbers, fixed by its
 * API: ROUND_UP 0, ROUND_DOWN 1, ROUND_HALF_UP 4, ROUND_HALF_EVEN 6.
 */
export const Rounding = {
  /** away from zero on .5 (commercial rounding) */
  HALF_UP: 4,
  /** banker's rounding */
  HALF_EVEN: 6,
  /** toward zero */
  DOWN: 1,
  /** away from zero */
  UP: 0,
} as const
export type Rounding = (typeof Rounding)[keyof typeof Rounding]

/**
 * Anything Medusa hands us as an amount: numbers, strings, `{ value, precision }` raw objects,
 * BigNumber instances. Non-finite values are refused here so they never reach arithmetic.
 */
export function toDecimal(value: BigNumberInput | Decimal): Decimal {
  const decimal = MathBN.convert(value as BigNumberInput)
  if (!decimal.isFinite()) {
    throw new TypeError(`Not a finite amount: ${JSON.stringify(value)}`)
  }
  return decimal
}

/** A plain decimal string with no exponent notation, for storage and JSON. */
export function decimalString(value: BigNumberInput | Decimal): string {
  return toDecimal(value).toFixed()
}
