/**
 * The webhook signature (docs/gateways/smartpay.md#webhook-signature): hex HMAC-SHA256 over
 * `<Smartpay-Signature-Timestamp>.<raw body>`, keyed with the Base62-decoded signing secret,
 * exactly as the Node SDK's calculateWebhookSignature computes it.
 */
import { createHmac } from "node:crypto"
import { base62Decode } from "./base62"

export function webhookSignature(
  signingSecret: string,
  timestamp: string,
  rawBody: string,
): string {
  return createHmac("sha256", base62Decode(signingSecret))
    .update(`${timestamp}.${rawBody}`, "utf8")
    .digest("hex")
}
