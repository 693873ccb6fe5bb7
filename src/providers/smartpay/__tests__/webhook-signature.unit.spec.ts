import { createHmac, randomBytes } from "node:crypto"
import Smartpay from "@smartpay/sdk-node"
import { BASE62_ALPHABET, decodeBase62 } from "../webhooks/base62"
import { SignatureInput, verifyWebhookSignature } from "../webhooks/verify-signature"

/** Base62 encoding for the tests only: the inverse of what is under test, written plainly. */
function encodeBase62(bytes: Buffer): string {
  let zeros = 0
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++
  let value = BigInt(`0x${bytes.toString("hex") || "0"}`)
  let text = ""
  while (value > 0n) {
    text = BASE62_ALPHABET[Number(value % 62n)] + text
    value /= 62n
  }
  return "A".repeat(zeros) + text
}

const SECRET = encodeBase62(randomBytes(32))
const NOW = new Date("2026-12-02T10:00:00Z")
const TS = String(NOW.getTime() - 5_000) // ms, as Smartpay's sandbox signs
const BODY = JSON.stringify({ id: "evt_test_1", eventData: { type: "order.authorized", data: {} } })

function sign(timestamp: string, body: string, secret = SECRET): string {
  return createHmac("sha256", decodeBase62(secret)).update(`${timestamp}.${body}`).digest("hex")
}

function check(change: Partial<SignatureInput> & { headers?: Record<string, unknown> } = {}) {
  return verifyWebhookSignature({
    headers: {
      "smartpay-signature": sign(TS, BODY),
      "smartpay-signature-timestamp": TS,
      "smartpay-subscription-id": "webhookendpoint_test_sandbox",
      ...change.headers,
    },
    rawBody: change.rawBody ?? Buffer.from(BODY),
    signingSecret: change.signingSecret ?? SECRET,
    subscriptionIds: change.subscriptionIds,
    toleranceMs: change.toleranceMs ?? 300_000,
    now: change.now ?? NOW,
  })
}

describe("Base62 (the signing secret's encoding)", () => {
  it("reads the alphabet A–Z a–z 0–9 as digits 0–61, big-endian", () => {
    expect(decodeBase62("B")).toEqual(Buffer.from([1]))
    expect(decodeBase62("9")).toEqual(Buffer.from([61]))
    expect(decodeBase62("BA")).toEqual(Buffer.from([62]))
    expect(decodeBase62("EI")).toEqual(Buffer.from([0x01, 0x00])) // 4·62 + 8 = 256
  })

  it("keeps each leading A as a zero byte", () => {
    expect(decodeBase62("A")).toEqual(Buffer.from([0]))
    expect(decodeBase62("AAB")).toEqual(Buffer.from([0, 0, 1]))
  })

  it("round-trips random bytes", () => {
    for (let i = 0; i < 200; i++) {
      const bytes = randomBytes(1 + (i % 40))
      if (i % 7 === 0) bytes[0] = 0
      expect(decodeBase62(encodeBase62(bytes))).toEqual(bytes)
    }
  })

  it("refuses other characters and empty text", () => {
    expect(() => decodeBase62("whsec_abc")).toThrow("not Base62")
    expect(() => decodeBase62("ab-c")).toThrow("not Base62")
    expect(() => decodeBase62("")).toThrow()
  })
})

describe("Smartpay webhook signature", () => {
  it("accepts a valid signature over <timestamp>.<raw body>, from a Buffer or a string", () => {
    expect(check()).toEqual({ ok: true })
    expect(check({ rawBody: BODY })).toEqual({ ok: true })
  })

  it("refuses a body with one byte changed, and a signature with one digit changed", () => {
    const changed = Buffer.from(BODY)
    changed[10] ^= 1
    expect(check({ rawBody: changed })).toEqual({ ok: false, reason: "signature does not match" })
    const signature = sign(TS, BODY)
    const flipped = (signature[0] === "a" ? "b" : "a") + signature.slice(1)
    expect(check({ headers: { "smartpay-signature": flipped } }).ok).toBe(false)
    expect(check({ headers: { "smartpay-signature": signature.toUpperCase() } }).ok).toBe(false)
    expect(check({ signingSecret: encodeBase62(randomBytes(32)) }).ok).toBe(false)
  })

  it("refuses a stale timestamp, or one from the future", () => {
    const old = String(NOW.getTime() - 301_000)
    expect(
      check({
        headers: { "smartpay-signature": sign(old, BODY), "smartpay-signature-timestamp": old },
      }),
    ).toEqual({ ok: false, reason: "stale notification (signed 301 s ago)" })
    const ahead = String(NOW.getTime() + 400_000)
    expect(
      check({
        headers: { "smartpay-signature": sign(ahead, BODY), "smartpay-signature-timestamp": ahead },
      }).ok,
    ).toBe(false)
    // a 10-digit timestamp is seconds
    const seconds = String(Math.floor(NOW.getTime() / 1000) - 10)
    expect(
      check({
        headers: {
          "smartpay-signature": sign(seconds, BODY),
          "smartpay-signature-timestamp": seconds,
        },
      }),
    ).toEqual({ ok: true })
  })

  it("refuses an unknown subscription, and unsigned or malformed headers", () => {
    expect(check({ subscriptionIds: ["webhookendpoint_test_other"] })).toEqual({
      ok: false,
      reason: "unknown subscription webhookendpoint_test_sandbox",
    })
    expect(check({ subscriptionIds: ["webhookendpoint_test_sandbox"] })).toEqual({ ok: true })
    expect(check({ headers: { "smartpay-signature": undefined } }).ok).toBe(false)
    expect(check({ headers: { "smartpay-signature-timestamp": "yesterday" } }).ok).toBe(false)
  })

  it("agrees with Smartpay's Node SDK", () => {
    const signature = Smartpay.calculateWebhookSignature({ data: `${TS}.${BODY}`, secret: SECRET })
    expect(check({ headers: { "smartpay-signature": signature } })).toEqual({ ok: true })
    expect(
      Smartpay.verifyWebhookSignature({
        data: `${TS}.${BODY}`,
        secret: SECRET,
        signature: sign(TS, BODY),
      }),
    ).toBe(true)
    // a secret with leading zero bytes (leading "A"s)
    const zeroLed = `AA${encodeBase62(randomBytes(30))}`
    const sdk = Smartpay.calculateWebhookSignature({ data: `${TS}.${BODY}`, secret: zeroLed })
    expect(check({ signingSecret: zeroLed, headers: { "smartpay-signature": sdk } })).toEqual({
      ok: true,
    })
  })
})
