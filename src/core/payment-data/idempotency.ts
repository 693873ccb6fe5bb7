import { createHash } from "node:crypto"
import { canonicalJson } from "./canonical-json"

/**
 * A stable key per logical refund: the same inputs (same payment, same units or amount, same
 * number of refunds already on record) give the same key, so a retry after a lost response is
 * recognised by the gateway, while the next real refund gets a new key. 40 characters: fits
 * every gateway idempotency field we know of.
 */
export function logicalRefundKey(parts: Record<string, unknown>): string {
  return "lr_" + createHash("sha256").update(canonicalJson(parts)).digest("hex").slice(0, 37)
}
