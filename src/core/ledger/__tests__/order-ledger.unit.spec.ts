import { LedgerStatus, orderLedger, refundsOnRecord } from ".."
import { buildRefundPlan, emptyLedger, isEmptyPlan } from "../../refund-plan"
import { amountOnlyPlan, entryOf, ORDER, planOf, RETURNS } from "./ledger-fixtures"

const STATUSES: LedgerStatus[] = ["in_doubt", "pending", "succeeded", "failed", "released"]

describe("orderLedger", () => {
  it("is empty without entries", () => {
    expect(orderLedger([])).toEqual(emptyLedger())
  })

  it("counts only refunds that moved money: pending and succeeded", () => {
    const plan = planOf({ return_id: "ret_2" })
    for (const status of STATUSES) {
      const ledger = orderLedger([entryOf(plan, { status })])
      if (status === "pending" || status === "succeeded") {
        expect(ledger.units).toEqual({ li_a: 1, li_b: 1 })
      } else {
        expect(ledger).toEqual(emptyLedger())
      }
    }
  })

  it("counts units per line and per return, over all of the order's entries", () => {
    const first = entryOf(planOf({ return_id: "ret_1" }), { id: "lref_1" })
    const second = entryOf(planOf({ return_id: "ret_2" }, { id: "lrplan_2" }), {
      id: "lref_2",
      status: "pending",
      payment_id: "pay_2",
    })
    expect(orderLedger([first, second])).toEqual({
      units: { li_a: 3, li_b: 3 },
      return_units: { ret_1: { li_a: 2, li_b: 2 }, ret_2: { li_a: 1, li_b: 1 } },
      shipping: {},
    })
  })

  it("sums shipping by exact decimal amounts, never by floats", () => {
    const entry = (id: string, amountExact: string) => ({
      ...entryOf(planOf({ shipping: ["sm_1"] }), { id }),
      units: [
        {
          kind: "shipping" as const,
          line_item_id: null,
          shipping_method_id: "sm_1",
          return_id: null,
          title: "Post",
          quantity: 1,
          amount: "0.00",
          amount_exact: amountExact,
        },
      ],
    })
    // 0.1 + 0.2 is 0.30000000000000004 in floats
    expect(orderLedger([entry("lref_1", "0.1"), entry("lref_2", "0.2")]).shipping).toEqual({
      sm_1: "0.3",
    })
    expect(orderLedger([entry("lref_1", "2.49475"), entry("lref_2", "2.49475")]).shipping).toEqual({
      sm_1: "4.9895",
    })
  })

  it("counts a plan's shipping at its exact total, so nothing of it is left to refund", () => {
    const plan = planOf({ shipping: true })
    const ledger = orderLedger([entryOf(plan)])
    expect(ledger.shipping).toEqual({ sm_1: "5", sm_2: "7.5" })
    expect(
      isEmptyPlan(buildRefundPlan({ order: ORDER, returns: RETURNS, ledger, shipping: true })),
    ).toBe(true)
  })

  it("adds nothing for an amount-only refund", () => {
    expect(orderLedger([entryOf(amountOnlyPlan("15"))])).toEqual(emptyLedger())
  })
})

describe("refundsOnRecord", () => {
  it("counts the payment's refunds that happened, failed ones too, but not those in doubt or released", () => {
    const plan = amountOnlyPlan("15")
    const entries = STATUSES.map((status, i) => entryOf(plan, { id: `lref_${i}`, status }))
    // pending, succeeded, failed
    expect(refundsOnRecord(entries, "pay_1")).toBe(3)
    expect(refundsOnRecord(entries.slice(0, 1), "pay_1")).toBe(0)
    expect(refundsOnRecord([entries[0], entries[4]], "pay_1")).toBe(0)
  })

  it("counts only the given payment's refunds", () => {
    const plan = amountOnlyPlan("15")
    const entries = [
      entryOf(plan, { id: "lref_1" }),
      entryOf(plan, { id: "lref_2", payment_id: "pay_2" }),
    ]
    expect(refundsOnRecord(entries, "pay_1")).toBe(1)
    expect(refundsOnRecord(entries, "pay_2")).toBe(1)
    expect(refundsOnRecord(entries, "pay_3")).toBe(0)
  })
})
