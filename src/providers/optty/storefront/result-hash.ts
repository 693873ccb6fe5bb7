import { createHmac, timingSafeEqual } from "node:crypto"

/** The statuses Optty puts on the shopper's return to the store. */
export const RETURN_STATUSES = ["SUCCESSFUL", "CANCELLED", "DECLINED", "ERROR"] as const
export type ReturnStatus = (typeof RETURN_STATUSES)[number]

export interface StorefrontReturn {
  status: string
  reference: string
  hash: string
  providerReference?: string | null
}

/**
 * Optty's result hash: HMAC-SHA512 over "status|reference", keyed with the merchant's payment
 * secret (the hex encoding is assumed; Optty's page does not show one). It proves the return
 * came from Optty for this order and status; it covers no amount, so amounts are never taken
 * from a return. Compared in constant time.
 */
export function resultHash(paymentSecret: string, status: string, reference: string): string {
  return createHmac("sha512", paymentSecret).update(`${status}|${reference}`).digest("hex")
}

export function verifyResultHash(
  paymentSecret: string,
  result: StorefrontReturn,
): { ok: true; status: ReturnStatus } | { ok: false; reason: string } {
  if (!(RETURN_STATUSES as readonly string[]).includes(result.status)) {
    return { ok: false, reason: `unknown status "${result.status}"` }
  }
  const expected = Buffer.from(resultHash(paymentSecret, result.status, result.reference), "hex")
  const given = /^[0-9a-fA-F]{128}$/.test(result.hash) ? Buffer.from(result.hash, "hex") : null
  if (!given || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: "the result hash does not match" }
  }
  return { ok: true, status: result.status as ReturnStatus }
}
