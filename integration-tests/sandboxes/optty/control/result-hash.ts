import { createHmac } from "node:crypto"

/**
 * The `hash` on the shopper's return: HMAC-SHA512 keyed with the merchant's payment secret over
 * "<status>|<reference>", lowercase hex (the hex encoding is assumed). It covers only the status
 * and the reference: amounts never travel on the return.
 */
export function resultHash(paymentSecret: string, status: string, reference: string): string {
  return createHmac("sha512", paymentSecret).update(`${status}|${reference}`).digest("hex")
}
