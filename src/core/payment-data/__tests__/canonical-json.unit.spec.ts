import { createHash } from "node:crypto"
import fc from "fast-check"
import { canonicalJson } from "../canonical-json"
import { logicalRefundKey } from "../idempotency"

/** The writer every idempotency key was hashed with before canonical-json.ts: kept as the oracle. */
function mapBasedCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(mapBasedCanonicalJson).join(",")}]`
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${mapBasedCanonicalJson(v)}`).join(",")}}`
  }
  return JSON.stringify(value ?? null)
}

// keys outside ASCII (accents, emoji as surrogate pairs), quotes and control characters
const key = fc.oneof(
  fc.string(),
  fc.constantFrom("é", "e", "😀", "\uffff", '"', "\n", "__proto__x"),
)
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie("node"), { maxLength: 5 }),
    fc.dictionary(key, tie("node"), { maxKeys: 6 }),
  ),
})).node

describe("canonicalJson", () => {
  it("writes exactly what the map-based writer wrote, for any JSON-like value", () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(mapBasedCanonicalJson(v))
      }),
      { numRuns: 2000 },
    )
  })

  it("sorts keys at every level and leaves out undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [undefined, 2], c: undefined } })).toBe(
      '{"a":{"d":[null,2]},"b":1}',
    )
  })

  it("keeps the idempotency key of a refund made before it", () => {
    // the key of this plan as the map-based writer hashed it: a key that changed would make a
    // retry of an earlier refund look like a new one to the gateway
    expect(
      logicalRefundKey({
        payment_id: "pay_01",
        amount: "12.10",
        lines: { item_b: { ret_1: 1 }, item_a: { ret_1: 2 } },
        shipping: [],
        refunds_on_record: 0,
      }),
    ).toBe(
      "lr_" +
        createHash("sha256")
          .update(
            '{"amount":"12.10","lines":{"item_a":{"ret_1":2},"item_b":{"ret_1":1}},"payment_id":"pay_01","refunds_on_record":0,"shipping":[]}',
          )
          .digest("hex")
          .slice(0, 37),
    )
  })
})
