import { createHmac, timingSafeEqual } from "node:crypto"
import { decodeBase62 } from "./base62"

export type SignatureCheck = { ok: true } | { ok: false; reason: string }

export interface SignatureInput {
  headers: Record<string, unknown> | undefined
  rawBody: Buffer | string
  /** the endpoint's Base62 signing secret */
  signingSecret: string
  /** the accepted `Smartpay-Subscription-Id`s; any when unset */
  subscriptionIds?: readonly string[]
  /** how far the signature timestamp may be from now */
  toleranceMs: number
  now: Date
}

function header(headers: Record<string, unknown> | undefined, name: string): string | null {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1]
  const value = Array.isArray(found) ? found[0] : found
  return typeof value === "string" && value !== "" ? value : null
}

/**
 * Smartpay's webhook signature (docs/gateways/smartpay.md#webhook-signature):
 * `Smartpay-Signature` = lower-case hex HMAC-SHA256 over `<Smartpay-Signature-Timestamp>.<raw
 * body>`, keyed with the Base62-decoded signing secret. Checked over the raw bytes as received
 * (never re-serialised JSON, Medusa hands over `rawData`), in constant time over buffers of
 * equal length, before the body is parsed; then the endpoint id (`Smartpay-Subscription-Id`) is
 * checked against `subscriptionIds`. Smartpay documents no tolerance; ours refuses a timestamp
 * further than `toleranceMs` from now (replays). The timestamp is milliseconds since the epoch
 * (what the sandbox sends); a 10-digit one is read as seconds.
 */
export function verifyWebhookSignature(input: SignatureInput): SignatureCheck {
  const signature = header(input.headers, "smartpay-signature")
  const timestamp = header(input.headers, "smartpay-signature-timestamp")
  if (!signature || !timestamp) return { ok: false, reason: "unsigned notification" }
  if (!/^\d{9,14}$/.test(timestamp)) return { ok: false, reason: "malformed signature timestamp" }
  if (!/^[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: "malformed signature" }

  let key: Buffer
  try {
    key = decodeBase62(input.signingSecret)
  } catch {
    return { ok: false, reason: "the signing secret is not Base62 text" }
  }
  const raw = typeof input.rawBody === "string" ? Buffer.from(input.rawBody, "utf8") : input.rawBody
  const expected = createHmac("sha256", key)
    .update(Buffer.concat([Buffer.from(`${timestamp}.`, "utf8"), raw]))
    .digest()
  const given = Buffer.from(signature, "hex")
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "signature does not match" }
  }
  const subscription = header(input.headers, "smartpay-subscription-id")
  if (input.subscriptionIds && (!subscription || !input.subscriptionIds.includes(subscription))) {
    return { ok: false, reason: `unknown subscription ${subscription ?? "(none)"}` }
  }
  const signedMs = timestamp.length <= 11 ? Number(timestamp) * 1000 : Number(timestamp)
  const ageMs = input.now.getTime() - signedMs
  const ageSeconds = Math.round(ageMs / 1000)
  if (Math.abs(ageMs) > input.toleranceMs) {
    return {
      ok: false,
      reason:
        ageSeconds > 0
          ? `stale notification (signed ${ageSeconds} s ago)`
          : "notification timestamp is in the future",
    }
  }
  return { ok: true }
}
