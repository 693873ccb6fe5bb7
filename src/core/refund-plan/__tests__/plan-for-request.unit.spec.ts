import { MedusaError } from "@medusajs/framework/utils"
import { IN_DOUBT_ERROR_CODE, planForRequest, RefundContext, RefundRequest } from ".."
import { LedgerRefund, orderLedger } from "../../ledger"
import { entryOf, inDoubtEntryOf } from "../../ledger/__tests__/ledger-fixtures"
import { readLineRefundsState, StoredRefundPlan } from "../../payment-data"

const NOW = new Date("2026-11-22T12:00:00Z")
let ids = 0
const policy = { duplicateRefundWindowSeconds: 120, now: NOW, newPlanId: () => `lrplan_${++ids}` }

/** An order with one line (4 × 10.00, no tax) and shipping 5.00; return ret_1 received 2. */
function context(
  entries: LedgerRefund[] = [],
  overrides: Partial<RefundContext> = {},
): RefundContext {
  return {
    payment: { id: "pay_1", amount: "100", currency_code: "eur", provider_id: "pp_acme_acme" },
    order: {
      id: "order_1",
      currency_code: "eur",
      pending_difference: "-20",
      items: [{ id: "li_a", title: "Cap", quantity: 4, unit_price: "10", tax_lines: [] }],
      shipping_methods: [{ id: "sm_1", name: "Post", amount: "5", tax_lines: [] }],
    },
    returns: [{ id: "ret_1", items: [{ item_id: "li_a", received_quantity: 2 }] }],
    ledger: orderLedger(entries),
    entries,
    state: readLineRefundsState({}),
    ...overrides,
  }
}

const RETURN_1: RefundRequest = { kind: "return", return_id: "ret_1", source: "return_refund" }
const amount = (value: string | number): RefundRequest => ({ kind: "amount", amount: value })

/** What planForRequest decides, booked as a ledger entry (by default succeeded). */
function booked(plan: StoredRefundPlan, overrides: Partial<LedgerRefund> = {}, id = "lref_1") {
  return entryOf(plan, { id, created_at: NOW.toISOString(), ...overrides }, { amount: plan.amount })
}

function refusal(run: () => unknown): MedusaError {
  try {
    run()
  } catch (error) {
    return error as MedusaError
  }
  throw new Error("expected the refund to be refused")
}

describe("planForRequest", () => {
  it("gives the stock button the received lines when the amount is what they are owed", () => {
    const { plan, amount: refunded, retry_of } = planForRequest(context(), amount(20), policy)
    expect(refunded).toBe("20")
    expect(retry_of).toBeNull()
    expect(plan).toMatchObject({
      source: "admin_refund",
      status: "open",
      amount: "20.00",
      payment_id: "pay_1",
      created_at: NOW.toISOString(),
      pending_difference_before: "-20",
    })
    expect(plan.in_doubt_since).toBeUndefined()
    expect(Object.keys(plan.lines)).toEqual(["li_a"])
    expect(plan.idempotency_key).toMatch(/^lr_[0-9a-f]{37}$/)
  })

  it("adds the remaining shipping when the amount covers it too", () => {
    const { plan } = planForRequest(context(), amount(25), policy)
    expect(Object.keys(plan.shipping)).toEqual(["sm_1"])
  })

  it("never guesses lines for another amount", () => {
    const { plan, amount: refunded } = planForRequest(context(), amount(15), policy)
    expect(refunded).toBe("15")
    expect(plan.lines).toEqual({})
    expect(plan.amount).toBe("15")
  })

  it("treats a missing amount as Medusa does: the whole payment", () => {
    expect(planForRequest(context(), { kind: "amount" }, policy).amount).toBe("100")
  })

  it("refuses an amount-only refund finer than the currency's minor unit", () => {
    const error = refusal(() => planForRequest(context(), amount("15.005"), policy))
    expect(error.type).toBe(MedusaError.Types.INVALID_DATA)
    expect(error.message).toBe(
      "15.005 EUR is finer than the smallest amount a EUR payment can refund (0.01). Enter an amount with at most 2 decimals.",
    )
    const jpy = context([], {
      payment: { id: "pay_1", amount: "10000", currency_code: "jpy", provider_id: "pp_acme_acme" },
      order: { ...context().order, currency_code: "jpy" },
    })
    expect(() => planForRequest(jpy, amount("100.5"), policy)).toThrow(
      "100.5 JPY is finer than the smallest amount a JPY payment can refund (1). Enter an amount with at most 0 decimals.",
    )
    // trailing zeros are not finer
    expect(planForRequest(context(), amount("15.000"), policy).amount).toBe("15")
  })

  it("still books a line refund's exact owed amount, fractions of a minor unit included", () => {
    const taxed = context([], {
      order: {
        ...context().order,
        items: [
          { id: "li_a", title: "Cap", quantity: 4, unit_price: "4.95", tax_lines: [{ rate: 21 }] },
        ],
      },
    })
    // 2 × 4.95 × 1.21 = 11.979: Medusa owes that, the gateway refunds 11.98
    const byButton = planForRequest(taxed, amount("11.979"), policy)
    expect(byButton.amount).toBe("11.979")
    expect(Object.keys(byButton.plan.lines)).toEqual(["li_a"])
    const byReturn = planForRequest(taxed, RETURN_1, policy)
    expect(byReturn.amount).toBe("11.979")
    expect(byReturn.plan.amount).toBe("11.98")
  })

  it("refuses a repeat of a recent amount when no return is left, and allows it after the window", () => {
    const recent = booked(planForRequest(context(), amount(20), policy).plan, {
      created_at: "2026-11-22T11:59:30Z",
    })
    const done = context([recent], { returns: [] })
    expect(() => planForRequest(done, amount(20), policy)).toThrow(
      "The same amount was refunded on this payment 30 seconds ago (20.00 EUR), and no received return is left to refund, so nothing was refunded now. Refund again only if you mean a second refund: try again in 2 minutes.",
    )
    expect(() =>
      planForRequest(done, amount(20), { ...policy, now: new Date("2026-11-22T12:02:00Z") }),
    ).not.toThrow()
    expect(() =>
      planForRequest(done, amount(20), { ...policy, duplicateRefundWindowSeconds: 0 }),
    ).not.toThrow()
    // another amount is another refund
    expect(() => planForRequest(done, amount(21), policy)).not.toThrow()
  })

  it("counts only refunds of this payment that moved money as the one that may be repeated", () => {
    const plan = planForRequest(context(), amount(20), policy).plan
    for (const other of [
      booked(plan, { status: "failed" }),
      booked(plan, { status: "released" }),
      booked(plan, { payment_id: "pay_2" }),
    ]) {
      expect(() =>
        planForRequest(context([other], { returns: [] }), amount(20), policy),
      ).not.toThrow()
    }
    const pending = booked(plan, { status: "pending" })
    expect(() => planForRequest(context([pending], { returns: [] }), amount(20), policy)).toThrow(
      "Refund again only if you mean a second refund",
    )
  })

  it("refunds one return explicitly, and says so when there is nothing left", () => {
    const { plan, amount: refunded } = planForRequest(context(), RETURN_1, policy)
    expect(plan.return_ids).toEqual({ ret_1: true })
    expect(plan.source).toBe("return_refund")
    expect(refunded).toBe(plan.amount_exact)
    const withShipping = planForRequest(context(), { ...RETURN_1, include_shipping: true }, policy)
    expect(withShipping.plan.amount).toBe("25.00")

    const done = context([booked(plan)])
    expect(() => planForRequest(done, RETURN_1, policy)).toThrow(
      "Return ret_1 is refunded already: nothing received is left to refund.",
    )
    const labelled = context([booked(plan)], {
      returns: [{ id: "ret_1", display_id: 3, items: [{ item_id: "li_a", received_quantity: 2 }] }],
    })
    expect(() => planForRequest(labelled, RETURN_1, policy)).toThrow(
      "Return #3 is refunded already",
    )
    expect(() =>
      planForRequest(
        context(),
        { kind: "return", return_id: "ret_9", source: "auto_refund" },
        policy,
      ),
    ).toThrow(
      "This return has received no items yet, so nothing was refunded. Receive its items first, then refund it. (return ret_9, order order_1)",
    )
    const displayed = context([], { order: { ...context().order, display_id: 1001 } })
    expect(() =>
      planForRequest(
        displayed,
        { kind: "return", return_id: "ret_9", source: "auto_refund" },
        policy,
      ),
    ).toThrow("(return ret_9, order #1001)")
  })

  it("refunds by amount, and says why, when the returns cannot be turned into lines", () => {
    const errors: Error[] = []
    const broken = context([], {
      returns: [{ id: "ret_x", items: [{ item_id: "li_zzz", received_quantity: 1 }] }],
    })
    const { plan } = planForRequest(broken, amount(20), {
      ...policy,
      onPlanError: (error) => errors.push(error),
    })
    expect(plan.lines).toEqual({})
    expect(plan.amount).toBe("20")
    expect(errors.map((e) => e.message)).toEqual([
      "Return ret_x refers to line item li_zzz, which order order_1 does not have",
    ])
  })

  it("gives a retry of the same refund the same idempotency key and the next refund a new one", () => {
    const first = planForRequest(context(), amount(20), policy).plan
    const retry = planForRequest(context(), amount(20), policy).plan
    expect(retry.idempotency_key).toBe(first.idempotency_key)
    expect(retry.id).not.toBe(first.id)
    // a refund on record of this payment (even a failed one) makes the next refund a new one
    for (const status of ["succeeded", "pending", "failed"] as const) {
      const after = context([booked(first, { status, idempotency_key: "lr_earlier" })], {
        returns: [],
      })
      expect(planForRequest(after, amount(30), policy).plan.idempotency_key).not.toBe(
        planForRequest(context([], { returns: [] }), amount(30), policy).plan.idempotency_key,
      )
    }
    // one released (never made) does not
    const released = context([booked(first, { status: "released" })], { returns: [] })
    expect(planForRequest(released, amount(30), policy).plan.idempotency_key).toBe(
      planForRequest(context([], { returns: [] }), amount(30), policy).plan.idempotency_key,
    )
    // nor does a refund on another payment of the order
    const elsewhere = context([booked(first, { payment_id: "pay_2" })], { returns: [] })
    expect(planForRequest(elsewhere, amount(30), policy).plan.idempotency_key).toBe(
      planForRequest(context([], { returns: [] }), amount(30), policy).plan.idempotency_key,
    )
  })

  it("retries a refund in doubt under its key, from the time of its first attempt", () => {
    const first = planForRequest(context(), RETURN_1, policy).plan
    const inDoubt = inDoubtEntryOf(first, { id: "lref_7", created_at: "2026-11-22T11:58:00.000Z" })
    // the units in doubt are not counted as refunded: the same plan comes out again
    const retry = planForRequest(context([inDoubt]), RETURN_1, policy)
    expect(retry.retry_of).toBe("lref_7")
    expect(retry.plan.idempotency_key).toBe(first.idempotency_key)
    expect(retry.plan.in_doubt_since).toBe("2026-11-22T11:58:00.000Z")
    expect(retry.plan.lines).toEqual(first.lines)
    // the stock button asking for the same units and amount is the same refund, retried
    const byButton = planForRequest(context([inDoubt]), amount(retry.plan.amount), policy)
    expect(byButton.retry_of).toBe("lref_7")
    expect(byButton.plan.idempotency_key).toBe(first.idempotency_key)
  })

  it("carries the rounding of a payment's earlier refunds into the plan, and keeps a retry's carry", () => {
    // an earlier amount refund of 10.004 that the gateway paid as 10.00
    const earlier = booked(
      planForRequest(context([], { returns: [] }), amount("10"), policy).plan,
      {
        id: "lref_1",
        amount: "10.004",
        gateway_amount: "10.00",
        idempotency_key: "lr_earlier",
      },
    )
    const first = planForRequest(context([earlier]), RETURN_1, policy).plan
    expect(first.gateway_carry).toBe("0.004")
    // its answer is lost; meanwhile the earlier refund fails and is undone
    const inDoubt = inDoubtEntryOf(first, { id: "lref_7", plan_id: first.id, amount: "20.003" })
    const state = readLineRefundsState({ line_refunds: { plans: { [first.id]: first } } })
    const failedEarlier = { ...earlier, status: "failed" as const }
    const retry = planForRequest(context([failedEarlier, inDoubt], { state }), RETURN_1, policy)
    expect(retry.retry_of).toBe("lref_7")
    // the same refund under the same key asks for the same amount: the first attempt's carry
    expect(retry.plan.gateway_carry).toBe("0.004")
    // a new refund meanwhile counts the one in doubt as what it asked for (20.003 + 0.004 →
    // 20.01), not as its amount rounded (20.00): 0.004 + (20.003 − 20.01)
    const other = planForRequest(context([earlier, inDoubt], { state }), amount("5"), policy)
    expect(other.plan.gateway_carry).toBe("-0.003")
  })

  it("refuses a refund of units held by a refund in doubt", () => {
    const inDoubt = inDoubtEntryOf(planForRequest(context(), RETURN_1, policy).plan, {
      amount: "20",
      currency_code: "eur",
    })
    const error = refusal(() =>
      planForRequest(context([inDoubt]), { ...RETURN_1, include_shipping: true }, policy),
    )
    expect(error.type).toBe(MedusaError.Types.NOT_ALLOWED)
    expect(error.code).toBe(IN_DOUBT_ERROR_CODE)
    expect(error.message).toBe(
      "An earlier refund of 20.00 EUR on this payment may have been made, but the gateway's answer was lost, so nothing was refunded now. Wait until the order page shows that refund as made or released, and refund again only if it was released.",
    )
  })

  it("refuses a refund of a shipping method held by a refund in doubt", () => {
    const shippingOnly = planForRequest(context([], { returns: [] }), amount(5), policy).plan
    expect(Object.keys(shippingOnly.shipping)).toEqual(["sm_1"])
    const inDoubt = inDoubtEntryOf(shippingOnly)
    const error = refusal(() =>
      planForRequest(context([inDoubt]), { ...RETURN_1, include_shipping: true }, policy),
    )
    expect(error.code).toBe(IN_DOUBT_ERROR_CODE)
    // without the shipping, the return's units are free
    expect(planForRequest(context([inDoubt]), RETURN_1, policy).retry_of).toBeNull()
  })

  it("refuses an amount-only refund of the same amount as one in doubt, and allows another amount", () => {
    const inDoubt = inDoubtEntryOf(planForRequest(context(), amount(15), policy).plan, {
      idempotency_key: "lr_made_before",
    })
    expect(refusal(() => planForRequest(context([inDoubt]), amount(15), policy)).code).toBe(
      IN_DOUBT_ERROR_CODE,
    )
    expect(planForRequest(context([inDoubt]), amount(16), policy).retry_of).toBeNull()
  })

  it("says a return's refund is in doubt rather than done when a refund in doubt holds its units", () => {
    const plan = planForRequest(context(), RETURN_1, policy).plan
    const inDoubt = inDoubtEntryOf(plan)
    // a ledger that counts the return as refunded while the refund in doubt holds its units
    const held = context([inDoubt], { ledger: orderLedger([booked(plan)]) })
    expect(refusal(() => planForRequest(held, RETURN_1, policy)).code).toBe(IN_DOUBT_ERROR_CODE)
  })

  it("lets another return's units of the same line be refunded while one return's are in doubt", () => {
    const inDoubt = inDoubtEntryOf(planForRequest(context(), RETURN_1, policy).plan)
    const twoReturns = context([inDoubt], {
      returns: [
        {
          id: "ret_1",
          received_at: "2026-11-20T10:00:00Z",
          items: [{ item_id: "li_a", received_quantity: 2 }],
        },
        {
          id: "ret_2",
          received_at: "2026-11-21T10:00:00Z",
          items: [{ item_id: "li_a", received_quantity: 1 }],
        },
      ],
    })
    const decision = planForRequest(
      twoReturns,
      { kind: "return", return_id: "ret_2", source: "auto_refund" },
      policy,
    )
    expect(decision.retry_of).toBeNull()
    expect(decision.plan.lines.li_a.returns).toEqual({ ret_2: 1 })
  })
})
