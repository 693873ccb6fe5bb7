import { buildRefundPlan, emptyLedger } from "../../refund-plan"
import {
  LINE_REFUNDS_KEY,
  openPlanPatch,
  readLineRefundsState,
  StoredRefundPlan,
} from "../../payment-data"
import { recordRefund, takeRefundPlan } from ".."

const NOW = new Date("2026-11-22T10:00:00Z")

const amountOnly = () =>
  takeRefundPlan({ amount: 5, data: {}, context: { idempotency_key: "ref_9" } }, { scope: "X1" })

function storedPlan(overrides: Partial<StoredRefundPlan> = {}): StoredRefundPlan {
  const draft = buildRefundPlan({
    order: {
      id: "order_1",
      currency_code: "eur",
      items: [
        { id: "li_a", title: "Shirt", quantity: 3, unit_price: "10", tax_lines: [{ rate: 21 }] },
      ],
    },
    returns: [{ id: "ret_1", items: [{ item_id: "li_a", received_quantity: 2 }] }],
    ledger: emptyLedger(),
  })
  return {
    ...draft,
    id: "lrp_1",
    status: "open",
    source: "admin_refund",
    payment_id: "pay_1",
    created_at: new Date(NOW.getTime() - 1000).toISOString(),
    idempotency_key: "lr_plan_key",
    pending_difference_before: "-24.2",
    ...overrides,
  }
}

/** Medusa's deep merge of returned data into payment.data, for the parts we use. */
function deepMerge(target: any, patch: any): any {
  const out = { ...target }
  for (const [k, v] of Object.entries(patch)) {
    out[k] = v && typeof v === "object" && !Array.isArray(v) ? deepMerge(target?.[k] ?? {}, v) : v
  }
  return out
}

describe("takeRefundPlan / recordRefund", () => {
  it("takes the open plan whose amount Medusa asks for, and records it consumed with the gateway's answer", () => {
    const plan = storedPlan()
    const data = deepMerge({ gateway_order: "X1" }, openPlanPatch(readLineRefundsState({}), plan))
    const intent = takeRefundPlan(
      {
        amount: { value: "24.2", precision: 20 } as never,
        data,
        context: { idempotency_key: "ref_1" },
      },
      { scope: "X1", now: NOW },
    )
    expect(intent.plan?.id).toBe("lrp_1")
    expect(intent.kind).toBe("lines")
    expect(intent.idempotency_key).toBe("lr_plan_key")

    const after = deepMerge(
      data,
      recordRefund(
        intent,
        { status: "succeeded", gateway_reference: "gw_1", gateway: { id: "gw_1" } },
        NOW,
      ),
    )
    const state = readLineRefundsState(after)
    expect(after.gateway_order).toBe("X1")
    expect(state.plans.lrp_1).toMatchObject({ status: "consumed", consumed_by_refund_id: "ref_1" })
    // what the gateway said, for the workflow to copy into the ledger (which lives elsewhere)
    expect(state.refunds.ref_1).toEqual({
      refund_id: "ref_1",
      plan_id: "lrp_1",
      idempotency_key: "lr_plan_key",
      status: "succeeded",
      created_at: NOW.toISOString(),
      gateway_reference: "gw_1",
      gateway_amount: null,
      currency_code: "eur",
      gateway: { id: "gw_1" },
      origin: "gateway",
    })
    expect(Object.keys(after.line_refunds).sort()).toEqual(["plans", "refunds"])

    // The consumed plan is never taken again: a second refund of the same amount is amount-only.
    const again = takeRefundPlan(
      { amount: 24.2, data: after, context: { idempotency_key: "ref_2" } },
      { scope: "X1", now: NOW },
    )
    expect(again.plan).toBeNull()
  })

  it("refunds amount only when no open plan has the requested amount, or the plan is stale", () => {
    const data = deepMerge({}, openPlanPatch(readLineRefundsState({}), storedPlan()))
    expect(
      takeRefundPlan(
        { amount: 10, data, context: { idempotency_key: "ref_1" } },
        { scope: "X1", now: NOW },
      ).plan,
    ).toBeNull()
    const stale = deepMerge(
      {},
      openPlanPatch(readLineRefundsState({}), storedPlan({ created_at: "2026-11-22T09:00:00Z" })),
    )
    expect(
      takeRefundPlan(
        { amount: 24.2, data: stale, context: { idempotency_key: "ref_1" } },
        { scope: "X1", now: NOW },
      ).plan,
    ).toBeNull()
  })

  it("keeps one idempotency key for retries of an amount-only refund and a new one for the next refund", () => {
    const first = takeRefundPlan(
      { amount: 5, data: {}, context: { idempotency_key: "ref_1" } },
      { scope: "pay_1" },
    )
    const retry = takeRefundPlan(
      { amount: 5, data: {}, context: { idempotency_key: "ref_2" } },
      { scope: "pay_1" },
    )
    expect(retry.idempotency_key).toBe(first.idempotency_key)
    const afterFirst = deepMerge(
      {},
      recordRefund(first, { status: "succeeded", gateway_reference: null, gateway: {} }),
    )
    const next = takeRefundPlan(
      { amount: 5, data: afterFirst, context: { idempotency_key: "ref_3" } },
      { scope: "pay_1" },
    )
    expect(next.idempotency_key).not.toBe(first.idempotency_key)
    expect(readLineRefundsState(afterFirst).refunds.ref_1.plan_id).toBeNull()
  })

  it("tells the provider when the plan retries a refund in doubt", () => {
    const since = "2026-11-22T09:58:00.000Z"
    const data = deepMerge(
      {},
      openPlanPatch(readLineRefundsState({}), storedPlan({ in_doubt_since: since })),
    )
    const intent = takeRefundPlan(
      { amount: 24.2, data, context: { idempotency_key: "ref_1" } },
      { scope: "X1", now: NOW },
    )
    expect(intent.in_doubt_since).toBe(since)
    expect(amountOnly().in_doubt_since).toBeNull()
  })

  it("never gives two payments' amount-only refunds the same key", () => {
    const a = takeRefundPlan(
      { amount: 10, data: {}, context: { idempotency_key: "ref_a" } },
      { scope: "order_A" },
    )
    const b = takeRefundPlan(
      { amount: 10, data: {}, context: { idempotency_key: "ref_b" } },
      { scope: "order_B" },
    )
    expect(a.idempotency_key).not.toBe(b.idempotency_key)
  })

  it("a newer plan supersedes older open ones", () => {
    const first = storedPlan()
    const data = deepMerge({}, openPlanPatch(readLineRefundsState({}), first))
    const second = storedPlan({ id: "lrp_2" })
    const after = deepMerge(data, openPlanPatch(readLineRefundsState(data), second))
    expect(after[LINE_REFUNDS_KEY].plans.lrp_1.status).toBe("superseded")
    expect(after[LINE_REFUNDS_KEY].plans.lrp_2.status).toBe("open")
  })

  it("refuses a call without Medusa's refund id or without a gateway scope", () => {
    expect(() => takeRefundPlan({ amount: 5, data: {}, context: {} }, { scope: "X1" })).toThrow(
      "without the refund id",
    )
    expect(() =>
      takeRefundPlan({ amount: 5, data: {}, context: { idempotency_key: "ref_1" } }, { scope: "" }),
    ).toThrow("needs the payment's gateway reference")
  })
})
