import { inDoubtCheck, LedgerStatus } from ".."
import { amountOnlyPlan, entryOf, inDoubtEntryOf, planOf } from "./ledger-fixtures"

describe("inDoubtCheck", () => {
  it("is clear when no refund is in doubt, whatever else the ledger holds", () => {
    const plan = planOf({ return_id: "ret_1" }, { idempotency_key: "lr_new" })
    expect(inDoubtCheck(plan, [])).toEqual({ kind: "clear" })
    for (const status of ["pending", "succeeded", "failed", "released"] as LedgerStatus[]) {
      // the same units, the same amount, even the same key: not in doubt, so not this check's business
      const entry = entryOf(planOf({ return_id: "ret_1" }, { idempotency_key: "lr_new" }), {
        status,
      })
      expect(inDoubtCheck(plan, [entry])).toEqual({ kind: "clear" })
    }
  })

  it("retries the refund in doubt with the same key on the same payment", () => {
    const entry = inDoubtEntryOf(planOf({ return_id: "ret_1" }))
    const again = planOf({ return_id: "ret_1" }, { id: "lrplan_2" })
    expect(inDoubtCheck(again, [entry])).toEqual({ kind: "retry", entry })
    // an amount-only refund in doubt is retried the same way
    const amountEntry = inDoubtEntryOf(amountOnlyPlan("15", { idempotency_key: "lr_amount" }))
    expect(
      inDoubtCheck(amountOnlyPlan("15", { idempotency_key: "lr_amount" }), [amountEntry]),
    ).toEqual({ kind: "retry", entry: amountEntry })
  })

  it("does not take a refund in doubt on another payment for a retry, even under the same key", () => {
    const entry = inDoubtEntryOf(amountOnlyPlan("15", { payment_id: "pay_2" }))
    expect(inDoubtCheck(amountOnlyPlan("16"), [entry])).toEqual({ kind: "clear" })
  })

  it("blocks a refund of the same line from the same return", () => {
    const entry = inDoubtEntryOf(planOf({ return_id: "ret_1" }))
    const other = planOf({ return_id: "ret_1", shipping: true }, { idempotency_key: "lr_other" })
    expect(inDoubtCheck(other, [entry])).toEqual({ kind: "blocked", entry })
    // whatever payment of the order the refund in doubt was made on
    const elsewhere = { ...entry, payment_id: "pay_2" }
    expect(inDoubtCheck(other, [elsewhere])).toEqual({ kind: "blocked", entry: elsewhere })
  })

  it("blocks a refund of the same shipping method", () => {
    const entry = inDoubtEntryOf(planOf({ returns: [], shipping: ["sm_1"] }))
    const withShipping = planOf({ return_id: "ret_2", shipping: true }, { idempotency_key: "lr_2" })
    expect(inDoubtCheck(withShipping, [entry])).toEqual({ kind: "blocked", entry })
    const otherMethod = planOf(
      { return_id: "ret_2", shipping: ["sm_2"] },
      { idempotency_key: "lr_3" },
    )
    expect(inDoubtCheck(otherMethod, [entry])).toEqual({ kind: "clear" })
  })

  it("blocks a refund of the same amount on the same payment, to the minor unit", () => {
    const entry = inDoubtEntryOf(amountOnlyPlan("15", { idempotency_key: "lr_first" }))
    expect(
      inDoubtCheck(amountOnlyPlan("15.00", { idempotency_key: "lr_second" }), [entry]),
    ).toEqual({ kind: "blocked", entry })
    // less than a minor unit apart is the same money
    expect(inDoubtCheck(amountOnlyPlan("15.004", { idempotency_key: "lr_x" }), [entry]).kind).toBe(
      "blocked",
    )
    expect(inDoubtCheck(amountOnlyPlan("15.01", { idempotency_key: "lr_x" }), [entry]).kind).toBe(
      "clear",
    )
    // the same amount on another payment of the order is another refund
    expect(
      inDoubtCheck(amountOnlyPlan("15", { idempotency_key: "lr_x", payment_id: "pay_2" }), [entry])
        .kind,
    ).toBe("clear")
  })

  it("is clear for another return's units of the same line", () => {
    const entry = inDoubtEntryOf(planOf({ return_id: "ret_1" }))
    const otherReturn = planOf({ return_id: "ret_2" }, { idempotency_key: "lr_2" })
    expect(Object.keys(otherReturn.lines)).toEqual(["li_a", "li_b"])
    expect(inDoubtCheck(otherReturn, [entry])).toEqual({ kind: "clear" })
  })
})
