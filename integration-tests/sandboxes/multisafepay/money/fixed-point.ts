/**
 * Exact decimal arithmetic on bigint "fixed-point" values: a value v at scale s means v / 10^s.
 * Cart totals decide whether an order or a refund is accepted, so a float here would hide (or
 * invent) exactly the one-cent differences the sandbox exists to expose.
 */
import { numberToDecimalText, PLAIN_DECIMAL } from "../../kit/decimal-text"

export type ParseFixedResult =
  | { ok: true; value: bigint }
  | { ok: false; reason: "not_a_number" | "too_many_decimals" }

/** The decimal text of a JSON value that may carry a number (number or numeric string). */
export function decimalText(value: unknown): string | undefined {
  if (typeof value === "number") return numberToDecimalText(value)
  if (typeof value === "string" && PLAIN_DECIMAL.test(value)) return value
  return undefined
}

/**
 * Parses a number or numeric string into a fixed-point bigint at `scale`, refusing values with
 * more decimals than the scale allows (trailing zeros beyond it are fine: "1.50" at scale 1).
 */
export function parseFixed(value: unknown, scale: number): ParseFixedResult {
  const text = decimalText(value)
  if (text === undefined) return { ok: false, reason: "not_a_number" }
  const match = PLAIN_DECIMAL.exec(text)
  if (!match) return { ok: false, reason: "not_a_number" }
  const [, sign, intPart, rawFraction = ""] = match
  const fraction = rawFraction.replace(/0+$/, "")
  if (fraction.length > scale) return { ok: false, reason: "too_many_decimals" }
  const magnitude = BigInt(intPart + fraction.padEnd(scale, "0"))
  return { ok: true, value: sign === "-" ? -magnitude : magnitude }
}

export function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent)
}

/**
 * Moves a value from `fromScale` to a smaller `toScale`, rounding half away from zero: the
 * documented rule is "half up", and for the negative totals a refund line can produce we round
 * the magnitude, as PHP's round() does.
 */
export function roundHalfUp(value: bigint, fromScale: number, toScale: number): bigint {
  if (toScale >= fromScale) return value * pow10(toScale - fromScale)
  const divisor = pow10(fromScale - toScale)
  const magnitude = value < 0n ? -value : value
  let quotient = magnitude / divisor
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n
  return value < 0n ? -quotient : quotient
}

/** Fixed-point value as decimal text with exactly `scale` decimals, e.g. "-24.7933884298". */
export function formatFixed(value: bigint, scale: number): string {
  const negative = value < 0n
  const digits = (negative ? -value : value).toString().padStart(scale + 1, "0")
  const intPart = digits.slice(0, digits.length - scale)
  const fraction = digits.slice(digits.length - scale)
  return `${negative ? "-" : ""}${intPart}${scale > 0 ? `.${fraction}` : ""}`
}
