import assert from "node:assert/strict"
import fc from "fast-check"
import { MathBN, MedusaError } from "@medusajs/framework/utils"
import { decimalString, scaledToString } from "../../money"
import { LedgerRefund, orderLedger } from "../../ledger"
import { entryOf, inDoubtEntryOf, storedPlan } from "../../ledger/__tests__/ledger-fixtures"
import { readLineRefundsState } from "../../payment-data"
import {
  buildRefundPlan,
  BuildRefundPlanInput,
  outstandingUnits,
  planForRequest,
  RefundContext,
  RefundRequest,
  unitAmounts,
  wholeQuantity,
} from ".."
import { exactUnitAmounts, taxRatesCache } from "../exact-unit-amounts"
import { orderArbitrary } from "./order-arbitrary"
import { planScenario } from "./plan-arbitrary"
import { referenceBuildRefundPlan } from "./reference/build-refund-plan"
import { wholeQuantity as referenceWholeQuantity } from "./reference/line-amounts"
import { outstandingUnits as referenceOutstandingUnits } from "./reference/outstanding-units"
import { referencePlanForRequest } from "./reference/plan-for-request"

/**
 * The plan code computes in exact scaled integers (../exact-unit-amounts.ts, ../plan-lines.ts,
 * ../prepared-plan.ts); before, it ran on Medusa's MathBN and bignumber.js. Kept verbatim in
 * ./reference, the old code is the definition of the right answer: for every input, the same
 * plan, string for string and key for key, or the same error.
 */
const RUNS = Number(process.env.PLAN_EQUIVALENCE_RUNS ?? 1500)

/** A value, or the error it threw: its class, Medusa type and message. */
function outcome(run: () => unknown): { value: string } | { error: string } {
  try {
    return { value: JSON.stringify(run()) }
  } catch (error) {
    const e = error as Error & { type?: string }
    return {
      error: `${e.constructor.name} ${e instanceof MedusaError ? e.type : ""}: ${e.message}`,
    }
  }
}

function sameOutcome(run: () => unknown, reference: () => unknown) {
  // JSON text: key order counts too
  assert.deepStrictEqual(outcome(run), outcome(reference))
}

describe("exact unit amounts", () => {
  it("are Medusa's getLineItemTotals figures to the last decimal, whenever they are given", () => {
    let given = 0
    let lines = 0
    fc.assert(
      fc.property(planScenario(8), ({ order }) => {
        const cache = taxRatesCache()
        for (const item of order.items) {
          let quantity: number
          try {
            quantity = wholeQuantity(item.quantity, "quantity")
          } catch {
            continue
          }
          lines += 1
          const exact = exactUnitAmounts(item, quantity, cache)
          if (!exact) continue
          given += 1
          const medusa = unitAmounts(item)
          for (const key of Object.keys(medusa) as Array<keyof typeof medusa>) {
            if (key === "quantity") continue
            assert.strictEqual(scaledToString(exact[key]), decimalString(medusa[key]), key)
          }
          assert.strictEqual(exact.tax_rate_text, decimalString(medusa.tax_rate))
        }
      }),
      { numRuns: RUNS },
    )
    // the wild orders are mostly plain decimals: the exact path must be the one tested
    expect(given / lines).toBeGreaterThan(0.6)
  })
})

describe("the plan code against its reference", () => {
  it("reads quantities and outstanding units as before", () => {
    fc.assert(
      fc.property(planScenario(10), ({ returns, ledger, return_id }) => {
        sameOutcome(
          () => outstandingUnits(returns, ledger, return_id),
          () => referenceOutstandingUnits(returns, ledger, return_id),
        )
        for (const value of [0, -0, 3, "3", "007", "3.0", 2.5, -1, "1e3", 2 ** 53, Number.NaN]) {
          sameOutcome(
            () => wholeQuantity(value, "q"),
            () => referenceWholeQuantity(value, "q"),
          )
        }
      }),
      { numRuns: RUNS },
    )
  })

  it("builds the same plan or fails the same way, for any order, returns, ledger and request", () => {
    fc.assert(
      fc.property(planScenario(25), (input) => {
        sameOutcome(
          () => buildRefundPlan(input),
          () => referenceBuildRefundPlan(input),
        )
      }),
      { numRuns: RUNS },
    )
  })

  it("builds the same plan for orders as Medusa stores them, up to 200 lines", () => {
    const scenario = orderArbitrary(200).chain((order) =>
      fc.record({
        order: fc.constant(order),
        received: fc.array(fc.integer({ min: 0, max: 3 }), {
          minLength: order.items.length,
          maxLength: order.items.length,
        }),
        shipping: fc.boolean(),
      }),
    )
    fc.assert(
      fc.property(scenario, ({ order, received, shipping }) => {
        const input: BuildRefundPlanInput = {
          order,
          returns: [
            {
              id: "ret_1",
              items: order.items.map((item, i) => ({
                item_id: item.id,
                received_quantity: Math.min(Number(item.quantity), received[i]),
              })),
            },
          ],
          ledger: { units: {}, return_units: {}, shipping: {} },
          shipping,
        }
        sameOutcome(
          () => buildRefundPlan(input),
          () => referenceBuildRefundPlan(input),
        )
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    )
  })

  it("goes back to Medusa's own decimals when bignumber.js is set to divide otherwise", () => {
    const BigNumberJS = MathBN.convert(0).constructor as unknown as {
      config(settings?: object): { DECIMAL_PLACES: number; ROUNDING_MODE: number }
    }
    const before = BigNumberJS.config()
    try {
      BigNumberJS.config({ DECIMAL_PLACES: 6, ROUNDING_MODE: 1 })
      fc.assert(
        fc.property(planScenario(6), (input) => {
          sameOutcome(
            () => buildRefundPlan(input),
            () => referenceBuildRefundPlan(input),
          )
        }),
        { numRuns: Math.ceil(RUNS / 5) },
      )
    } finally {
      BigNumberJS.config({
        DECIMAL_PLACES: before.DECIMAL_PLACES,
        ROUNDING_MODE: before.ROUNDING_MODE,
      })
    }
  })

  it("decides every kind of refund request as before", () => {
    const scenario = planScenario(12).chain((input) =>
      fc.record({
        input: fc.constant(input),
        earlier: fc.constantFrom("none", "succeeded", "in_doubt"),
        request: fc.oneof(
          fc.record({
            kind: fc.constant("amount" as const),
            amount: fc.oneof(
              fc.constantFrom("lines", "with shipping", "none"),
              fc.constantFrom("10", "10.005", "0", null),
            ),
          }),
          fc.record({
            kind: fc.constant("return" as const),
            return_id: fc.constantFrom("ret_a", "ret_b", "ret_missing"),
            include_shipping: fc.boolean(),
            source: fc.constant("return_refund" as const),
          }),
          fc.record({
            kind: fc.constant("lines" as const),
            lines: fc.array(
              fc.record({
                line_item_id: fc.constantFrom("ordli_0", "ordli_1", "ordli_missing"),
                quantity: fc.integer({ min: 0, max: 2 }),
              }),
              { maxLength: 3 },
            ),
            shipping_method_ids: fc.subarray(["ordsm_0", "ordsm_x"]),
          }),
        ),
      }),
    )
    fc.assert(
      fc.property(scenario, ({ input, earlier, request }) => {
        const context = refundContext(input, earlier)
        const asked = askedRequest(request, context)
        const decide = (plan: typeof planForRequest) => () => {
          let ids = 0
          const errors: string[] = []
          const decision = plan(context, asked, {
            duplicateRefundWindowSeconds: 120,
            now: new Date("2026-02-01T12:00:00Z"),
            newPlanId: () => `lrplan_${++ids}`,
            onPlanError: (error) => errors.push(error.message),
          })
          return { decision, errors }
        }
        sameOutcome(decide(planForRequest), decide(referencePlanForRequest))
      }),
      { numRuns: RUNS },
    )
  })
})

/** A refund context for `input`, with maybe one earlier refund of all its received units. */
function refundContext(input: BuildRefundPlanInput, earlier: string): RefundContext {
  let entries: LedgerRefund[] = []
  if (earlier !== "none") {
    try {
      const plan = storedPlan(referenceBuildRefundPlan({ ...input, units: undefined }))
      entries = [earlier === "in_doubt" ? inDoubtEntryOf(plan) : entryOf(plan)]
    } catch {
      // an order the reference cannot plan has no earlier refund of lines
    }
  }
  return {
    payment: { id: "pay_1", amount: "500", currency_code: "eur", provider_id: "pp_acme_acme" },
    order: { ...input.order, pending_difference: null },
    returns: input.returns,
    ledger: entries.length ? orderLedger(entries) : input.ledger,
    entries,
    state: readLineRefundsState({}),
  }
}

/** The stock button asked for what the reference says the lines are owed, or any amount. */
function askedRequest(
  request: { kind: "amount"; amount: string | null } | Exclude<RefundRequest, { kind: "amount" }>,
  context: RefundContext,
): RefundRequest {
  if (request.kind !== "amount") return request
  if (request.amount !== "lines" && request.amount !== "with shipping" && request.amount !== "none")
    return { kind: "amount", amount: request.amount }
  if (request.amount === "none") return { kind: "amount" }
  try {
    const plan = referenceBuildRefundPlan({
      order: context.order,
      returns: context.returns,
      ledger: context.ledger,
      shipping: request.amount === "with shipping",
    })
    return { kind: "amount", amount: plan.amount }
  } catch {
    return { kind: "amount", amount: "1" }
  }
}
