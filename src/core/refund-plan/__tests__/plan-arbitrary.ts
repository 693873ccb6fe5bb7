import fc from "fast-check"
import { decimalInput, oddDecimalText } from "../../money/__tests__/decimal-arbitrary"
import {
  BuildRefundPlanInput,
  OrderItemSnapshot,
  OrderSnapshot,
  ReceivedReturnSnapshot,
  RefundLedger,
  ShippingMethodSnapshot,
} from ".."

/**
 * Orders as anything may hand them to the plan code, not only as Medusa stores them: amounts in
 * every spelling (../../money/__tests__/decimal-arbitrary.ts), more decimals than any currency,
 * negative and -100 % rates, discounts larger than the line, missing and null amounts, text
 * bignumber.js reads its own way, quantities that are not counts. For comparing the plan code
 * with its reference (./reference), which must agree on every one of them, errors included.
 */
/** Plain decimals, mostly; with `odd`, also what should fail or take Medusa's own path. */
function rate(odd: boolean) {
  const plain = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.constantFrom<string | number>(
        "0",
        "6",
        "9",
        "21",
        "8.875",
        "7.7",
        21,
        9,
        "21.000000000000000000",
      ),
    },
    { weight: 2, arbitrary: decimalInput({ maxDigits: 4, maxScale: 22, min: 0n }) },
    { weight: 1, arbitrary: fc.constantFrom<string | number>("-100", -100, "-5", "100") },
  )
  return odd
    ? fc.oneof({ weight: 8, arbitrary: plain }, { weight: 1, arbitrary: oddDecimalText })
    : plain
}

function amount(maxDigits: number, odd: boolean) {
  const plain = fc.oneof(
    { weight: 8, arbitrary: decimalInput({ maxDigits, maxScale: 3, min: 0n }) },
    { weight: 2, arbitrary: decimalInput({ maxDigits, maxScale: 24, min: odd ? undefined : 0n }) },
  )
  if (!odd) return plain
  return fc.oneof(
    { weight: 8, arbitrary: plain },
    { weight: 1, arbitrary: oddDecimalText },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
  )
}

function lineParts(odd: boolean) {
  return {
    is_tax_inclusive: fc.option(fc.boolean()),
    tax_lines: fc.option(fc.array(fc.record({ rate: rate(odd) }), { maxLength: 3 }), {
      freq: 10,
    }),
    // most lines have no promotion, as in a store; one that has may exceed a cheap line
    adjustments: fc.oneof(
      { weight: 6, arbitrary: fc.constant([]) },
      {
        weight: 3,
        arbitrary: fc.array(
          fc.record({
            amount: amount(2, odd),
            is_tax_inclusive: fc.option(fc.boolean()),
            code: fc.constant("PROMO"),
          }),
          { minLength: 1, maxLength: 2 },
        ),
      },
      { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
    ),
  }
}

function item(odd: boolean) {
  const count = fc.integer({ min: 1, max: 6 })
  return fc.record({
    quantity: odd
      ? fc.oneof(
          { weight: 12, arbitrary: count },
          { weight: 1, arbitrary: fc.constantFrom<string | number>(0, "3", "3.0", 2.5, -1) },
        )
      : count,
    unit_price: amount(6, odd),
    ...lineParts(odd),
  })
}

function shippingMethod(odd: boolean) {
  return fc.record({ amount: amount(4, odd), ...lineParts(odd) })
}

/** An order of up to `maxLines` lines, its returns, a ledger and what a plan is asked for. */
export function planScenario(maxLines = 25): fc.Arbitrary<BuildRefundPlanInput> {
  return fc
    .integer({ min: 0, max: 3 })
    .chain((wild) => {
      // one order in four brings odd figures and ids the order does not have
      const odd = wild === 0
      return fc.record({
        odd: fc.constant(odd),
        currency: fc.constantFrom("eur", "jpy", "kwd", "EUR"),
        items: fc.array(item(odd), { minLength: 1, maxLength: maxLines }),
        shipping: fc.array(shippingMethod(odd), { maxLength: 3 }),
        displayId: fc.option(fc.constantFrom<number | string>(1001, "", "A-7")),
      })
    })
    .chain(({ odd, currency, items, shipping, displayId }) => {
      const order: OrderSnapshot = {
        id: "order_1",
        display_id: displayId,
        currency_code: currency,
        items: items.map(
          (it, index) =>
            ({
              ...it,
              id: `ordli_${index}`,
              title: `Item ${index}`,
              variant_id: index % 3 ? `variant_${index}` : null,
              variant_sku: index % 2 ? `SKU-${index}` : undefined,
            }) as OrderItemSnapshot,
        ),
        shipping_methods: shipping.map(
          (method, index) =>
            ({
              ...method,
              id: `ordsm_${index}`,
              name: `Shipping ${index}`,
            }) as ShippingMethodSnapshot,
        ),
      }
      const lineIds = [...order.items.map((it) => it.id), ...(odd ? ["ordli_missing"] : [])]
      const returnIds = ["ret_a", "ret_b", "ret_c"]
      const received = fc.record({
        item_id: fc.constantFrom(...lineIds),
        received_quantity: odd
          ? fc.oneof(
              { weight: 10, arbitrary: fc.integer({ min: 0, max: 3 }) },
              { weight: 1, arbitrary: fc.constantFrom<string | number>("1", 1.5, -1) },
            )
          : fc.integer({ min: 0, max: 3 }),
      })
      const returns: fc.Arbitrary<ReceivedReturnSnapshot[]> = fc.uniqueArray(
        fc.record({
          id: fc.constantFrom(...returnIds),
          display_id: fc.option(fc.constantFrom<number | string>(7, "", "R8")),
          received_at: fc.option(
            fc.constantFrom("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-02T00:00:00Z"),
          ),
          items: fc.array(received, { maxLength: Math.min(order.items.length + 2, 12) }),
        }),
        { selector: (r) => r.id, maxLength: 3 },
      )
      const ledger: fc.Arbitrary<RefundLedger> = fc.record({
        units: fc.dictionary(fc.constantFrom(...lineIds), fc.integer({ min: 0, max: 3 })),
        return_units: fc.dictionary(
          fc.constantFrom(...returnIds),
          fc.dictionary(fc.constantFrom(...lineIds), fc.integer({ min: 0, max: 2 })),
        ),
        shipping: fc.dictionary(
          fc.constantFrom("ordsm_0", "ordsm_1"),
          decimalInput({ maxDigits: 4, maxScale: 3, min: 0n }).map(String),
        ),
      })
      const units = fc.option(
        fc.array(
          fc.record({
            line_item_id: fc.constantFrom(...lineIds),
            quantity: odd
              ? fc.oneof(
                  { weight: 10, arbitrary: fc.integer({ min: 0, max: 4 }) },
                  { weight: 1, arbitrary: fc.constantFrom(-1, 1.5) },
                )
              : fc.integer({ min: 0, max: 4 }),
          }),
          { maxLength: 6 },
        ),
        { freq: 4, nil: undefined },
      )
      return fc.record({
        order: fc.constant(order),
        returns,
        ledger,
        return_id: fc.option(fc.constantFrom(...returnIds, "ret_missing"), { nil: undefined }),
        shipping: fc.option(
          fc.oneof(
            fc.boolean(),
            fc.subarray(["ordsm_0", "ordsm_1", "ordsm_2", "ordsm_x"], { minLength: 0 }),
          ),
          { nil: undefined },
        ),
        units,
      })
    })
}
