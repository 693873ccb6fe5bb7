/**
 * Reading request bodies (docs/gateways/smartpay.md#errors): every field problem is 400
 * `request.invalid` with the field named in `details`.
 */
import { invalid } from "../errors"
import { CURRENCY, isYen, type Yen } from "../money/yen"
import type { Metadata } from "../sandbox-types"

export type Body = Record<string, unknown>

export function isRecord(value: unknown): value is Body {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

export function requireBody(value: unknown): Body {
  if (!isRecord(value)) throw invalid("The body must be a JSON object", ["body"])
  return value
}

const fieldError = (field: string, problem: string) =>
  invalid(`${field} ${problem}`, [`${field} ${problem}`])

export function optionalString(
  body: Body,
  field: string,
  limits: { min?: number; max?: number } = {},
  path = field,
): string | null {
  const value = body[field]
  if (value === undefined || value === null) return null
  if (typeof value !== "string") throw fieldError(path, "must be a string")
  const { min = 0, max } = limits
  if (value.length < min || (max !== undefined && value.length > max)) {
    throw fieldError(path, `must be ${min} to ${max ?? "any number of"} characters`)
  }
  return value
}

export function requiredString(body: Body, field: string, path = field): string {
  const value = optionalString(body, field, { min: 1 }, path)
  if (value === null) throw fieldError(path, "is required")
  return value
}

/** Whole yen, > 0 (or ≥ 0 with allowZero): a float or a numeric string is refused. */
export function yenOf(value: unknown, path: string, allowZero = false): Yen {
  if (!isYen(value, allowZero)) {
    throw fieldError(path, `must be an integer number of yen ${allowZero ? "≥ 0" : "> 0"}`)
  }
  return value
}

export function requiredCurrency(body: Body, field: string, path = field): void {
  const value = body[field]
  if (value === undefined || value === null) throw fieldError(path, "is required")
  optionalCurrency(body, field, path)
}

/** JPY, upper case, the only currency (docs/gateways/smartpay.md#amounts). */
export function optionalCurrency(body: Body, field: string, path = field): void {
  const value = body[field]
  if (value === undefined || value === null) return
  if (value !== CURRENCY) throw fieldError(path, `must be ${CURRENCY}`)
}

/** Up to 20 pairs (doc); values text, numbers or booleans (ours). */
export function metadataOf(body: Body, field = "metadata", path = field): Metadata {
  const value = body[field]
  if (value === undefined || value === null) return {}
  if (!isRecord(value)) throw fieldError(path, "must be an object")
  const entries = Object.entries(value)
  if (entries.length > 20) throw fieldError(path, "holds more than 20 pairs")
  for (const [key, item] of entries) {
    if (!["string", "number", "boolean"].includes(typeof item)) {
      throw fieldError(`${path}.${key}`, "must be a string, number or boolean")
    }
  }
  return value as Metadata
}

export function absoluteUrl(body: Body, field: string): string {
  const value = requiredString(body, field)
  try {
    new URL(value)
  } catch {
    throw fieldError(field, "must be an absolute URL")
  }
  return value
}

/** A list of distinct ids (li_…), each one of `allowed`. */
export function lineItemIdsOf(
  body: Body,
  allowed: readonly string[],
  owner: string,
): string[] | null {
  const value = body.lineItems
  if (value === undefined || value === null) return null
  if (!Array.isArray(value) || !value.every((id) => typeof id === "string")) {
    throw fieldError("lineItems", "must be an array of line item ids")
  }
  const ids = value as string[]
  if (new Set(ids).size !== ids.length) throw fieldError("lineItems", "lists an id twice")
  const foreign = ids.filter((id) => !allowed.includes(id))
  if (foreign.length > 0) {
    throw invalid(
      `lineItems ${foreign.join(", ")} are not line items of ${owner}`,
      foreign.map((id) => `lineItems: ${id} is not a line item of ${owner}`),
    )
  }
  return ids
}
