import { createHmac } from "node:crypto"

/**
 * The notification `Auth` header (docs/gateways/multisafepay.md#notifications): base64("<ts>:<hex
 * HMAC-SHA512>") where the HMAC key is the (trimmed) API key and the message is "<ts>:<raw body>".
 * The body must be the exact bytes sent, which is why callers pass the serialised string.
 */
export function notificationAuthHeader(apiKey: string, timestamp: number, rawBody: string): string {
  const signature = createHmac("sha512", apiKey.trim())
    .update(`${timestamp}:${rawBody}`)
    .digest("hex")
  return Buffer.from(`${timestamp}:${signature}`).toString("base64")
}
