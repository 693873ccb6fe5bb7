/**
 * The token request's JWT assertion, checked as docs/gateways/worldline.md#authentication says:
 * PS256 or RS256 only (never "none" or HMAC), signed by one of the registered public keys (`kid`
 * is not needed to find it), `aud` "drwp", `iss` "<applicationId>@<merchantId>", `iat` not in
 * the future (60 s skew), `exp` later than now and at most an hour after `iat`, on the sandbox
 * clock. Every refusal is invalid_grant.
 */
import { constants, verify, type KeyObject } from "node:crypto"
import { invalidGrant } from "../errors"

export const CLOCK_SKEW_SECONDS = 60
export const MAX_ASSERTION_LIFETIME_SECONDS = 3600
const BASE64URL = /^[A-Za-z0-9_-]+$/

export interface AssertionContext {
  keys: readonly KeyObject[]
  applicationId: string
  merchantId: string
  nowMs: number
}

function decodeJson(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"))
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>
    }
  } catch {
    // answered below
  }
  throw invalidGrant(`The assertion's ${what} is not a JSON object`)
}

function signedBy(alg: "PS256" | "RS256", data: Buffer, signature: Buffer, key: KeyObject) {
  const padding =
    alg === "PS256"
      ? // RFC 7518 §3.5: the salt is as long as the hash
        { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
      : { padding: constants.RSA_PKCS1_PADDING }
  try {
    return verify("sha256", data, { key, ...padding }, signature)
  } catch {
    return false
  }
}

function numericDate(payload: Record<string, unknown>, claim: "iat" | "exp"): number {
  const value = payload[claim]
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalidGrant(`The assertion has no numeric ${claim}`)
  }
  return value
}

/** The assertion's payload when every rule holds. */
export function verifyAssertion(jwt: string, context: AssertionContext): Record<string, unknown> {
  const parts = jwt.split(".")
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) {
    throw invalidGrant("The assertion is not a signed JWT")
  }
  const header = decodeJson(parts[0], "header")
  const payload = decodeJson(parts[1], "payload")
  const alg = header.alg
  if (alg !== "PS256" && alg !== "RS256") {
    throw invalidGrant(`Algorithm ${String(alg)} is not accepted: PS256 or RS256`)
  }
  if (header.typ !== undefined && header.typ !== "JWT") {
    throw invalidGrant(`typ ${String(header.typ)} is not JWT`)
  }
  const data = Buffer.from(`${parts[0]}.${parts[1]}`)
  const signature = Buffer.from(parts[2], "base64url")
  if (!context.keys.some((key) => signedBy(alg, data, signature, key))) {
    throw invalidGrant("The assertion's signature matches no registered key")
  }
  const aud = payload.aud
  if (!(aud === "drwp" || (Array.isArray(aud) && aud.includes("drwp")))) {
    throw invalidGrant('The assertion\'s aud is not "drwp"')
  }
  const iss = `${context.applicationId}@${context.merchantId}`
  if (payload.iss !== iss) throw invalidGrant(`The assertion's iss is not ${iss}`)
  const now = context.nowMs / 1000
  const iat = numericDate(payload, "iat")
  const exp = numericDate(payload, "exp")
  if (iat > now + CLOCK_SKEW_SECONDS) throw invalidGrant("The assertion's iat is in the future")
  if (exp <= now) throw invalidGrant("The assertion has expired")
  if (exp <= iat || exp - iat > MAX_ASSERTION_LIFETIME_SECONDS) {
    throw invalidGrant("The assertion's exp must be after iat and at most 3600 s later")
  }
  return payload
}
