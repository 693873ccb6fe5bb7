import { ErrorCode, mspError } from "../errors"

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

export function requireBody(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw mspError(ErrorCode.GENERIC, "The request body must be a JSON object")
  return body
}

/** An optional string field with a maximum length (error 1000 when violated). */
export function optionalString(
  body: Record<string, unknown>,
  field: string,
  maxLength: number,
): string | null {
  const value = body[field]
  if (value === undefined || value === null) return null
  if (typeof value !== "string") throw mspError(ErrorCode.GENERIC, `${field} must be a string`)
  if (value.length > maxLength) {
    throw mspError(ErrorCode.GENERIC, `${field} is longer than ${maxLength} characters`)
  }
  return value
}

/** An order id: a non-empty string (or a number, read as its string) of at most 50 chars. */
export function orderIdField(value: unknown, field: string): string {
  const id = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value
  if (typeof id !== "string" || id.trim() === "") {
    throw mspError(ErrorCode.GENERIC, `${field} is required`)
  }
  if (id.length > 50) throw mspError(ErrorCode.GENERIC, `${field} is longer than 50 characters`)
  return id
}

/** Amounts are integers in minor units; strings and fractions are refused (1001). */
export function isMinorAmount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value)
}

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== "string") return false
  try {
    const url = new URL(value)
    return url.protocol === "http:" || url.protocol === "https:"
  } catch {
    return false
  }
}
