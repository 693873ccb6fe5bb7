/**
 * Reading request bodies: a missing or malformed field answers 400 31001, an amount with more
 * decimals than its currency 400 31002 (docs/gateways/worldline.md#amounts, #errors; codes ours).
 */
import { invalidInput, STATUS } from "../errors"
import { isCurrencyCode } from "../money/currencies"
import { jsonNumberToMinor, type Minor } from "../money/amounts"

export type Body = Record<string, unknown>

export function isRecord(value: unknown): value is Body {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

export function requireBody(value: unknown): Body {
  if (!isRecord(value)) throw invalidInput("The body must be a JSON object")
  return value
}

export function optionalString(body: Body, field: string, maxLength?: number): string | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== "string") throw invalidInput(`${field} must be a string`)
  if (maxLength !== undefined && value.length > maxLength) {
    throw invalidInput(`${field} is longer than ${maxLength} characters`)
  }
  return value
}

export function requiredString(body: Body, field: string, maxLength?: number): string {
  const value = optionalString(body, field, maxLength)
  if (value === undefined || value === "") throw invalidInput(`${field} is required`)
  return value
}

/** requestId: merchant-defined, at most 64 characters (ours), required on captures, cancels, refunds. */
export function requestIdOf(body: Body): string {
  return requiredString(body, "requestId", 64)
}

/** A decimal JSON number in `currency`, exact to its exponent. */
export function minorOf(value: unknown, field: string, currency: string, positive = true): Minor {
  const parsed = jsonNumberToMinor(value, currency)
  if (!parsed.ok) {
    if (parsed.reason === "too_many_decimals") {
      throw invalidInput(
        `${field} has more decimals than ${currency} allows`,
        STATUS.tooManyDecimals,
      )
    }
    throw invalidInput(`${field} must be a decimal number`)
  }
  if (positive ? parsed.minor <= 0 : parsed.minor < 0) {
    throw invalidInput(`${field} must be ${positive ? "greater than 0" : "0 or more"}`)
  }
  return parsed.minor
}

export interface RequestAmount {
  minor: Minor
  currency: string
}

/** `{ amount, currency }` (docs/gateways/worldline.md#amounts). */
export function amountOf(raw: unknown, field: string): RequestAmount {
  if (!isRecord(raw)) throw invalidInput(`${field} must be { amount, currency }`)
  if (!isCurrencyCode(raw.currency)) {
    throw invalidInput(`${field}.currency must be an ISO 4217 code`)
  }
  return { minor: minorOf(raw.amount, `${field}.amount`, raw.currency), currency: raw.currency }
}
