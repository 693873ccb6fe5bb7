/**
 * Money inside the sandbox is integer minor units of the order's currency (cents, yen, fils), so
 * sums are exact. Incoming JSON numbers are judged by the decimal text they were sent as
 * (../../kit/decimal-text.ts): 10.505 EUR is refused, never rounded
 * (docs/gateways/worldline.md#amounts).
 */
import { numberToDecimalText, PLAIN_DECIMAL } from "../../kit/decimal-text"
import { DecimalNumber } from "../http/wire-json"
import { exponentOf } from "./currencies"

/** An amount in the currency's smallest unit, e.g. 1050 for 10.50 EUR, 1500 for 1500 JPY. */
export type Minor = number

/** far below Number.MAX_SAFE_INTEGER, so sums of amounts stay exact */
const MAX_MINOR: Minor = 999_999_999_999_999

export type ParsedMinor =
  | { ok: true; minor: Minor }
  | { ok: false; reason: "not_a_number" | "too_many_decimals" | "too_large" }

/** Decimal text ("10.50", "1500", "1.250") to minor units; trailing zeros do not count. */
export function decimalTextToMinor(text: string, currency: string): ParsedMinor {
  const match = PLAIN_DECIMAL.exec(text)
  if (!match) return { ok: false, reason: "not_a_number" }
  const [, sign, intPart, rawFraction = ""] = match
  const exponent = exponentOf(currency)
  const fraction = rawFraction.replace(/0+$/, "")
  if (fraction.length > exponent) return { ok: false, reason: "too_many_decimals" }
  const magnitude = Number.parseInt(`${intPart}${fraction.padEnd(exponent, "0")}`, 10)
  if (!Number.isSafeInteger(magnitude) || magnitude > MAX_MINOR) {
    return { ok: false, reason: "too_large" }
  }
  return { ok: true, minor: sign === "-" && magnitude !== 0 ? -magnitude : magnitude }
}

/** A JSON number (API bodies; strings are refused) in minor units of `currency`. */
export function jsonNumberToMinor(value: unknown, currency: string): ParsedMinor {
  if (typeof value !== "number") return { ok: false, reason: "not_a_number" }
  const text = numberToDecimalText(value)
  return text === undefined
    ? { ok: false, reason: "not_a_number" }
    : decimalTextToMinor(text, currency)
}

/** Minor units as decimal text with exactly the currency's decimals: "10.50", "1500", "1.250". */
export function formatMinor(minor: Minor, currency: string): string {
  const exponent = exponentOf(currency)
  const digits = Math.abs(minor)
    .toString()
    .padStart(exponent + 1, "0")
  const sign = minor < 0 ? "-" : ""
  if (exponent === 0) return `${sign}${digits}`
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
}

export interface WireAmount {
  amount: DecimalNumber
  currency: string
}

/** `{ amount, currency }` as Worldline writes it: a JSON number with the currency's decimals. */
export function wireAmount(minor: Minor, currency: string): WireAmount {
  return { amount: new DecimalNumber(formatMinor(minor, currency)), currency }
}

export function sumMinor(amounts: readonly Minor[]): Minor {
  let total = 0
  for (const amount of amounts) total += amount
  return total
}
