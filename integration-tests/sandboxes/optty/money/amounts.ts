/**
 * Money in and out of the sandbox. Incoming JSON numbers are read from their decimal text into
 * integer cents, so 24.985 is refused instead of silently becoming 2498 or 2499, and 0.1 + 0.2
 * never happens: totals are sums of whole cents.
 */
import { numberToDecimalText, PLAIN_DECIMAL } from "../../kit/decimal-text"
import type { Cents } from "../state/order-model"

/** 99 999 999 999.99: far below Number.MAX_SAFE_INTEGER, so sums of cents stay exact. */
export const MAX_CENTS: Cents = 9_999_999_999_999

export type ParsedCents =
  | { ok: true; cents: Cents }
  | { ok: false; reason: "not_a_number" | "too_many_decimals" | "too_large" }

/** Decimal text to cents by moving the point: "24.9" → 2490. Trailing zeros do not count. */
export function decimalTextToCents(text: string): ParsedCents {
  const match = PLAIN_DECIMAL.exec(text)
  if (!match) return { ok: false, reason: "not_a_number" }
  const [, sign, intPart, rawFraction = ""] = match
  const fraction = rawFraction.replace(/0+$/, "")
  if (fraction.length > 2) return { ok: false, reason: "too_many_decimals" }
  const magnitude = Number.parseInt(`${intPart}${fraction.padEnd(2, "0")}`, 10)
  if (!Number.isSafeInteger(magnitude) || magnitude > MAX_CENTS) {
    return { ok: false, reason: "too_large" }
  }
  return { ok: true, cents: sign === "-" && magnitude !== 0 ? -magnitude : magnitude }
}

/** A JSON number (API bodies: strings are refused there) in cents. */
export function jsonNumberToCents(value: unknown): ParsedCents {
  if (typeof value !== "number") return { ok: false, reason: "not_a_number" }
  const text = numberToDecimalText(value)
  return text === undefined ? { ok: false, reason: "not_a_number" } : decimalTextToCents(text)
}

/** Cents as a 2-decimal string, as Optty returns amounts: 2498 → "24.98", 5 → "0.05". */
export function formatCents(cents: Cents): string {
  return formatBigCents(BigInt(cents))
}

/** The same for bigint cents (totals that may pass Number.MAX_SAFE_INTEGER). */
export function formatBigCents(cents: bigint): string {
  const digits = (cents < 0n ? -cents : cents).toString().padStart(3, "0")
  return `${cents < 0n ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`
}

/**
 * Cents as a JSON number in major units (the refund answer's `refundedAmount`): the 2-decimal
 * text parsed once, so the number printed is exactly that text (24.98, 100, 0.5).
 */
export function centsToJsonNumber(cents: Cents): number {
  return Number(formatCents(cents))
}

export function sumCents(amounts: readonly Cents[]): Cents {
  let total = 0
  for (const amount of amounts) total += amount
  return total
}
