import { createHash } from "node:crypto"

/** JSON with object keys sorted at every level, so equal values always hash the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`
  }
  return JSON.stringify(value ?? null)
}

/**
 * A stable key per logical refund: the same inputs (same payment, same units or amount, same
 * number of refunds already on record) give the same key, so a retry after a lost response is
 * recognised by the gateway, while the next real refund gets a new key. 40 characters: fits
 * every gateway idempotency field we know of.
 */
export function logicalRefundKey(parts: Record<string, unknown>): string {
  return "lr_" + createHash("sha256").update(canonicalJson(parts)).digest("hex").slice(0, 37)
}
