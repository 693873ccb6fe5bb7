/**
 * Money in the Smartpay sandbox: integer yen, the only currency Smartpay serves
 * (docs/gateways/smartpay.md#amounts). JPY has no minor unit (the kit's ISO table says 0
 * decimals), so an amount is a safe integer of yen and sums stay exact; a float is never made.
 */
import { currencyExponent } from "../../kit/currency-exponents"

export type Yen = number

export const CURRENCY = "JPY"

/** far below Number.MAX_SAFE_INTEGER, so sums of amounts stay exact (ours) */
export const MAX_YEN: Yen = 999_999_999_999

// the table and this file must agree: JPY amounts carry no decimals
if (currencyExponent(CURRENCY) !== 0) throw new Error("JPY must have exponent 0")

/** A JSON value that is a whole number of yen within range (0 allowed when `allowZero`). */
export function isYen(value: unknown, allowZero = false): value is Yen {
  return (
    typeof value === "number" &&
    Number.isSafeInteger(value) &&
    value <= MAX_YEN &&
    (allowZero ? value >= 0 : value > 0)
  )
}

export function sumYen(amounts: readonly Yen[]): Yen {
  let total = 0
  for (const amount of amounts) total += amount
  if (!Number.isSafeInteger(total)) throw new Error("yen sum is not a safe integer")
  return total
}

/** Decimal text from the dev store ("1500", "1500.00") to yen; null when it has a fraction. */
export function yenFromText(text: string): Yen | null {
  const match = /^(\d+)(?:\.0+)?$/.exec(text.trim())
  if (!match) return null
  const yen = Number.parseInt(match[1], 10)
  return isYen(yen) ? yen : null
}
