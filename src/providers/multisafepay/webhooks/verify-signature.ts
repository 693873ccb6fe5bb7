import { createHmac, timingSafeEqual } from "node:crypto"

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string }

/**
 * MultiSafepay signs a POST notification in its `Auth` header:
 * base64("<unix ts>:<hex HMAC-SHA512(key = API key, message = ts + ":" + raw body)>").
 * Checked over the raw bytes as received (never re-serialised JSON), in constant time, and
 * refused when older than `maxAgeSeconds` (replays) or more than a minute in the future.
 */
export function verifyNotificationSignature(input: {
  authHeader: unknown
  rawBody: Buffer | string
  apiKey: string
  now: Date
  maxAgeSeconds: number
}): SignatureCheck {
  if (typeof input.authHeader !== "string" || !input.authHeader) {
    return { ok: false, reason: "no Auth header" }
  }
  const decoded = Buffer.from(input.authHeader, "base64").toString("utf8")
  const separator = decoded.indexOf(":")
  if (separator <= 0) return { ok: false, reason: "malformed Auth header" }
  const timestampText = decoded.slice(0, separator)
  const signature = decoded.slice(separator + 1)
  if (!/^\d{9,11}$/.test(timestampText) || !/^[0-9a-f]{128}$/i.test(signature)) {
    return { ok: false, reason: "malformed Auth header" }
  }
  const raw = typeof input.rawBody === "string" ? Buffer.from(input.rawBody) : input.rawBody
  const expected = createHmac("sha512", input.apiKey.trim())
    .update(Buffer.concat([Buffer.from(`${timestampText}:`), raw]))
    .digest()
  const given = Buffer.from(signature, "hex")
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "signature does not match" }
  }
  const timestamp = Number(timestampText)
  const age = input.now.getTime() / 1000 - timestamp
  if (age > input.maxAgeSeconds)
    return { ok: false, reason: `stale notification (${Math.round(age)} s old)` }
  if (age < -60) return { ok: false, reason: "notification timestamp is in the future" }
  return { ok: true, timestamp }
}
