import { emptyLedger, planForRequest, RefundContext } from ".."
import { readLineRefundsState } from "../../payment-data"

const NOW = new Date("2026-11-22T12:00:00Z")
let ids = 0
const policy = { duplicateRefundWindowSeconds: 120, now: NOW, newPlanId: () => `lrplan_${++ids}` }

function context(overrides: Partial<RefundContext> = {}): RefundContext {
  return {
    payment: { id: "pay_1", amount: "100", currency_code: "eur", refunds: [] },
    order: {
      id: "order_1",
      currency_code: "eur",
      pending_difference: "-20",
      items: [{ id: "li_a", title: "Cap", quantity: 4, unit_price: "10", tax_lines: [] }],
      shipping_methods: [{ id: "sm_1", name: "Post", amount: "5", tax_lines: [] }],
    },
    returns: [{ id: "ret_1", items: [{ item_id: "li_a", received_quantity: 2 }] }],
    ledger: emptyLedger(),
    state: readLineRefundsState({}),
    ...overrides,
  }
}

describe("planForRequest", () => {
  it("gives the stock button the received lines when the amount is what they are owed", () => {
    const { plan, amount } = planForRequest(context(), { kind: "amount", amount: 20 }, policy)
    expect(amount).toBe("20")
    expect(plan).toMatchObject({
      source: "admin_refund",
      status: "open",
      amount: "20.00",
      pending_difference_before: "-20",
    })
    expect(Object.keys(plan.lines)).toEqual(["li_a"])
    expect(plan.idempotency_key).toMatch(/^lr_[0-9a-f]{37}$/)
  })

  it("adds the remaining shipping when the amount covers it too", () => {
    const { plan } = planForRequest(context(), { kind: "amount", amount: 25 }, policy)
    expect(Object.keys(plan.shipping)).toEqual(["sm_1"])
  })

  it("never guesses lines for another amount", () => {
    const { plan, amount } = planForRequest(context(), { kind: "amount", amount: 15 }, policy)
    expect(amount).toBe("15")
    expect(plan.lines).toEqual({})
    expect(plan.amount).toBe("15")
  })

  it("treats a missing amount as Medusa does: the whole payment", () => {
    expect(planForRequest(context(), { kind: "amount" }, policy).amount).toBe("100")
  })

  it("refuses a repeat of a recent amount when no return is left, and allows it after the window", () => {
    const recent = context({
      returns: [],
      payment: {
        id: "pay_1",
        amount: "100",
        currency_code: "eur",
        refunds: [{ id: "ref_1", amount: "20", created_at: "2026-11-22T11:59:30Z" }],
      },
    })
    expect(() => planForRequest(recent, { kind: "amount", amount: 20 }, policy)).toThrow(
      "Payment pay_1 was refunded 20 EUR 30s ago (refund ref_1) and no received return is left to refund",
    )
    expect(() =>
      planForRequest(
        recent,
        { kind: "amount", amount: 20 },
        { ...policy, now: new Date("2026-11-22T12:02:00Z") },
      ),
    ).not.toThrow()
    expect(() =>
      planForRequest(
        recent,
        { kind: "amount", amount: 20 },
        { ...policy, duplicateRefundWindowSeconds: 0 },
      ),
    ).not.toThrow()
  })

  it("refunds one return explicitly, and says so when there is nothing left", () => {
    const { plan } = planForRequest(
      context(),
      { kind: "return", return_id: "ret_1", source: "return_refund" },
      policy,
    )
    expect(plan.return_ids).toEqual({ ret_1: true })
    const done = context({
      ledger: { units: { li_a: 2 }, return_units: { ret_1: { li_a: 2 } }, shipping: {} },
    })
    expect(() =>
      planForRequest(done, { kind: "return", return_id: "ret_1", source: "return_refund" }, policy),
    ).toThrow("Return ret_1 has no received units left to refund")
    expect(() =>
      planForRequest(
        context(),
        { kind: "return", return_id: "ret_9", source: "auto_refund" },
        policy,
      ),
    ).toThrow("Return ret_9 has received nothing yet on order order_1")
  })

  it("gives a retry of the same refund the same idempotency key and the next refund a new one", () => {
    const first = planForRequest(context(), { kind: "amount", amount: 20 }, policy).plan
    const retry = planForRequest(context(), { kind: "amount", amount: 20 }, policy).plan
    expect(retry.idempotency_key).toBe(first.idempotency_key)
    const after = context({
      state: { ...readLineRefundsState({}), refunds: { ref_1: {} as never } },
    })
    expect(
      planForRequest(after, { kind: "amount", amount: 20 }, policy).plan.idempotency_key,
    ).not.toBe(first.idempotency_key)
  })
})
