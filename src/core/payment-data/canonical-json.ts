/**
 * JSON with object keys sorted at every level, so equal values always hash the same
 * (idempotency.ts). Written as one string in one pass: every refund plan's idempotency key is
 * hashed from it, and on a 1,000-line order the entries, filters and joins of a map-based writer
 * were a fifth of the plan's time and most of its garbage (integration-tests/bench/
 * plan-building.bench.ts). The output is byte for byte what that writer gave
 * (__tests__/canonical-json.unit.spec.ts), so no key of a refund already made changes:
 * - keys in UTF-16 code-unit order (Array.prototype.sort's default order for strings);
 * - object members whose value is undefined are left out, array holes and undefined become null;
 * - a Date or any other object is written by its own enumerable keys.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let out = "["
    for (let i = 0; i < value.length; i++) {
      if (i) out += ","
      out += canonicalJson(value[i])
    }
    return out + "]"
  }
  if (value && typeof value === "object") {
    const object = value as Record<string, unknown>
    const keys = Object.keys(object).sort()
    let out = "{"
    let first = true
    for (const key of keys) {
      const member = object[key]
      if (member === undefined) continue
      if (!first) out += ","
      first = false
      out += JSON.stringify(key) + ":" + canonicalJson(member)
    }
    return out + "}"
  }
  return JSON.stringify(value ?? null)
}
