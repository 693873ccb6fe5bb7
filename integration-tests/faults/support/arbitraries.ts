import fc from "fast-check"

/**
 * Building blocks of the fuzzed requests: totally random JSON, and the ways a near-valid body is
 * wrong (wrong types, huge, negative or too fine amounts, unknown ids, ids of other orders).
 * Every generator of a route that could change state produces only bad input: a body that is
 * valid for a real object is never generated (see each route's comment).
 */

/** One request of a fuzzed batch. `rawBody` is sent byte for byte (signed webhooks, bad JSON). */
export interface FuzzRequest {
  method: "GET" | "POST"
  url: string
  body?: unknown
  rawBody?: string
  headers?: Record<string, string>
}

/** Random JSON of any shape, small. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 })

/** Random JSON objects (what most bodies are). */
export const anyObject: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 5 },
)

/** Text that is not JSON, or barely. */
export const brokenJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("{", "[1,2", '{"amount":', "nul", "{}}", '{"a":1,}', "\u0000", "💥", ""),
)

/** Anything but a string (for fields that must be strings). */
export const notAString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
)

/** Anything but a boolean. */
export const notABoolean: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 6 }),
  fc.constantFrom("true", "false", 1, 0, null, [true], {}),
)

/**
 * An amount no refund of a real payment may take: zero or negative, finer than the currency's
 * smallest unit, far more than any payment, not a finite number, or not a number at all.
 * (`decimals` is the currency's exponent: 2 for EUR and AUD, 0 for JPY.)
 */
export function badAmount(decimals: number): fc.Arbitrary<unknown> {
  const tooFine = fc
    .tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 9 }))
    .map(([whole, digit]) => Number(`${whole}.${"0".repeat(decimals)}${digit}`))
  return fc.oneof(
    fc.integer({ min: -1_000_000, max: 0 }),
    fc.double({ min: -1e12, max: -Number.MIN_VALUE, noNaN: true }),
    tooFine,
    fc.constantFrom(1e21, 1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 123_456_789.5, -0),
    fc.integer({ min: 10_000_000, max: 2_000_000_000 }),
    fc.constantFrom("abc", "", "1e400", "-5", "NaN", "Infinity", "ten"),
    fc.constantFrom(null, true, false, [], [12.1], {}, { amount: 1 }),
  )
}

/** A quantity no line may be refunded by: negative, fractional, enormous, or not a number. */
export function badQuantity(ordered: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer({ min: -1_000, max: -1 }),
    fc.integer({ min: ordered + 1, max: 1_000_000 }),
    fc.constantFrom(0.5, 1.5, -0.5, 1e21, Number.MAX_SAFE_INTEGER, 2 ** 31),
    fc.constantFrom("1", "one", null, true, [], {}),
  )
}

/** Ids nothing has: made up in the id format, empty, traversal, injection, absurdly long. */
export function unknownId(prefix: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .stringMatching(/^[0-9A-Z]{26}$/)
      .map((tail) => `${prefix}_${tail}`)
      .filter((id) => id.length > 0),
    fc.constantFrom(
      `${prefix}_`,
      `${prefix}_01ZZZZZZZZZZZZZZZZZZZZZZZZ`,
      "../../admin",
      "%00",
      "' OR 1=1 --",
      "null",
      "undefined",
      `${prefix}_${"9".repeat(300)}`,
      " ",
    ),
    fc.string({ minLength: 1, maxLength: 30 }),
  )
}

/** Picks one of a fixed set (ids of the fuzz fixtures). */
export const oneOf = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values)

/** Adds keys no schema has (strict schemas must refuse them). */
export const extraKeys: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.constantFrom("amount_override", "admin", "__proto__x", "units", "status", "refund_id", "x"),
  anyJson,
  { minKeys: 1, maxKeys: 2 },
)

/** A request whose body is random JSON, a non-object, or text that is not JSON. */
export function randomBodyRequest(
  url: fc.Arbitrary<string>,
  headers: fc.Arbitrary<Record<string, string>> = fc.constant({}),
): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    fc.record({ method: fc.constant("POST" as const), url, body: anyJson, headers }),
    fc.record({ method: fc.constant("POST" as const), url, body: anyObject, headers }),
    fc.record({
      method: fc.constant("POST" as const),
      url,
      rawBody: brokenJsonText,
      headers: headers.map((h) => ({ ...h, "content-type": "application/json" })),
    }),
  )
}

/** A stable 31-bit seed for one route from the run's seed. */
export function seedFor(seed: number, label: string): number {
  let hash = seed | 0
  for (let i = 0; i < label.length; i++) hash = (Math.imul(hash, 31) + label.charCodeAt(i)) | 0
  return Math.abs(hash) % 2 ** 31
}
