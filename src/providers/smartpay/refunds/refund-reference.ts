/**
 * The references of a logical refund at Smartpay (docs/gateways/smartpay.md#refund-limits,
 * #idempotency). A refund paid back from one payment is one request: its `reference` and its
 * Idempotency-Key are the plugin's key ("lr_" + 37 hex, 40 characters: `reference` holds 40).
 * A refund split across payments sends one request per payment, every one with the same
 * `reference` (the key), part n ≥ 2 under the Idempotency-Key `<key>-p<n>`; which part a refund
 * is, is in its metadata (`medusa_refund_part`), next to the key (`medusa_refund_key`).
 */
export const MAX_REFERENCE_LENGTH = 40

export function partIdempotencyKey(key: string, part: number): string {
  return part === 1 ? key : `${key}-p${part}`
}

export function refundReference(key: string): string {
  return key.slice(0, MAX_REFERENCE_LENGTH)
}

type Tagged = { reference?: string | null; metadata?: Record<string, unknown> | null }

/** Which part of `key`'s refund a refund is, by its metadata or its reference; null if none. */
export function partOf(refund: Tagged, key: string): number | null {
  const ours =
    refund.metadata?.medusa_refund_key === key || refund.reference === refundReference(key)
  return ours ? partNumberOf(refund) : null
}

/** The part number a refund's metadata gives (`medusa_refund_part`); 1 when it gives none. */
export function partNumberOf(refund: Tagged): number {
  const part = Number(refund.metadata?.medusa_refund_part ?? 1)
  return Number.isSafeInteger(part) && part >= 1 ? part : 1
}

/** The logical refund key a refund was made under, when it says (metadata, else reference). */
export function keyOfRefund(refund: Tagged): string | null {
  const key = refund.metadata?.medusa_refund_key
  if (typeof key === "string" && key) return key
  const reference = refund.reference ?? ""
  return /^lr_[0-9a-f]{37}$/.test(reference) ? reference : null
}
