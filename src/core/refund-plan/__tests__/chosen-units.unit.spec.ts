import { MedusaError } from "@medusajs/framework/utils"
import { IN_DOUBT_ERROR_CODE, planForRequest, refundableUnits, RefundContext } from ".."
import { LedgerRefund, orderLedger } from "../../ledger"
import { entryOf, inDoubtEntryOf } from "../../ledger/__tests__/ledger-fixtures"
import { readLineRefundsState } from "../../payment-data"

const NOW = new Date("2026-11-22T12:00:00Z")
let ids = 0
const policy = { duplicateRefundWindowSeconds: 120, now: NOW, newPlanId: () => `lrplan_${++ids}` }

/** Cap 3 × 10.00 incl. 21% VAT, Mug 1 × 8.00, shipping 4.95; return ret_1 received 1 Cap. */
function context(entries: LedgerRefund[] = []): RefundContext {
  return {
    payment: { id: "pay_1", amount: "42.95", currency_code: "eur", provider_id: "pp_acme_acme" },
    order: {
      id: "order_1",
      display_id: 7,
      currency_code: "eur",
      pending_difference: "0",
      items: [
        {
          id: "li_cap",
          title: "Cap",
          quantity: 3,
          unit_price: "10",
          is_tax_inclusive: true,
          tax_lines: [{ rate: 21 }],
        },
        { id: "li_mug", title: "Mug", quantity: 1, unit_price: "8", tax_lines: [] },
      ],
      shipping_methods: [{ id: "sm_1", name: "Post", amount: "4.95", tax_lines: [] }],
    },
    returns: [{ id: "ret_1", items: [{ item_id: "li_cap", received_quantity: 1 }] }],
    ledger: orderLedger(entries),
    entries,
    state: readLineRefundsState({}),
  }
}

function refusal(run: () => unknown): MedusaError {
  try {
    run()
  } catch (error) {
    return error as MedusaError
  }
  throw new Error("expected the refund to be refused")
}

const chosen = (lines: Array<[string, number]>, shipping: string[] = []) => ({
  kind: "lines" as const,
  lines: lines.map(([line_item_id, quantity]) => ({ line_item_id, quantity })),
  shipping_method_ids: shipping,
})

describe("refunds of chosen lines, without a return", () => {
  it("plans the chosen units and shipping, tied to no return", () => {
    const { plan, amount } = planForRequest(
      context(),
      chosen([
        ["li_cap", 2],
        ["li_mug", 1],
      ]),
      policy,
    )
    expect(plan.source).toBe("chosen_lines")
    expect(amount).toBe("28")
    expect(plan.amount).toBe("28.00")
    expect(plan.return_ids).toEqual({})
    expect(plan.lines.li_cap).toMatchObject({ quantity: 2, returns: {}, total: "20.00" })
    expect(plan.lines.li_mug).toMatchObject({ quantity: 1, returns: {}, total: "8.00" })
    expect(plan.shipping).toEqual({})
  })

  it("refunds shipping alone as a goodwill refund", () => {
    const { plan } = planForRequest(context(), chosen([], ["sm_1"]), policy)
    expect(plan.amount).toBe("4.95")
    expect(Object.keys(plan.lines)).toEqual([])
    expect(plan.shipping.sm_1).toMatchObject({ name: "Post", total: "4.95" })
  })

  it("adds up repeated lines and refuses more units than are left, naming the item", () => {
    const { plan } = planForRequest(
      context(),
      chosen([
        ["li_cap", 1],
        ["li_cap", 2],
      ]),
      policy,
    )
    expect(plan.lines.li_cap.quantity).toBe(3)
    expect(refusal(() => planForRequest(context(), chosen([["li_cap", 4]]), policy)).message).toBe(
      "Only 3 units of Cap can still be refunded, not 4. Lower the quantity.",
    )
  })

  it("counts units refunded through a return, so a unit is never refunded twice", () => {
    const returned = planForRequest(
      context(),
      { kind: "return", return_id: "ret_1", source: "return_refund" },
      policy,
    )
    const after = context([entryOf(returned.plan, { id: "lref_1" })])
    expect(refundableUnits(after.order, after.ledger, after.entries)).toEqual({
      li_cap: 2,
      li_mug: 1,
    })
    expect(refusal(() => planForRequest(after, chosen([["li_cap", 3]]), policy)).message).toBe(
      "Only 2 units of Cap can still be refunded, not 3. Lower the quantity.",
    )
    const mugDone = planForRequest(after, chosen([["li_mug", 1]]), policy)
    const later = context([
      entryOf(returned.plan, { id: "lref_1" }),
      entryOf(mugDone.plan, { id: "lref_2" }),
    ])
    expect(refusal(() => planForRequest(later, chosen([["li_mug", 1]]), policy)).message).toBe(
      "Every unit of Mug is refunded already, or being refunded. Choose other items.",
    )
  })

  it("after chosen units are refunded, the return has nothing of them left to refund", () => {
    const all = planForRequest(context(), chosen([["li_cap", 3]]), policy)
    const after = context([entryOf(all.plan, { id: "lref_1" })])
    expect(
      refusal(() =>
        planForRequest(
          after,
          { kind: "return", return_id: "ret_1", source: "return_refund" },
          policy,
        ),
      ).message,
    ).toMatch(/refunded already/)
  })

  it("retries the same chosen refund in doubt under its key, and blocks others of its lines", () => {
    const first = planForRequest(context(), chosen([["li_mug", 1]]), policy)
    const doubtful = context([inDoubtEntryOf(first.plan, { id: "lref_1" })])
    const again = planForRequest(doubtful, chosen([["li_mug", 1]]), policy)
    expect(again.retry_of).toBe("lref_1")
    expect(again.plan.idempotency_key).toBe(first.plan.idempotency_key)

    const capDoubt = planForRequest(context(), chosen([["li_cap", 1]]), policy)
    const blocked = context([inDoubtEntryOf(capDoubt.plan, { id: "lref_2" })])
    const error = refusal(() =>
      planForRequest(
        blocked,
        { kind: "return", return_id: "ret_1", source: "return_refund" },
        policy,
      ),
    )
    expect(error.code).toBe(IN_DOUBT_ERROR_CODE)
    expect(refundableUnits(blocked.order, blocked.ledger, blocked.entries).li_cap).toBe(2)
  })

  it("refuses nothing chosen, unknown items, fractions and shipping refunded already", () => {
    expect(refusal(() => planForRequest(context(), chosen([]), policy)).message).toBe(
      "Choose at least one item or the shipping to refund.",
    )
    expect(refusal(() => planForRequest(context(), chosen([["li_x", 1]]), policy)).message).toMatch(
      /^This order has no item li_x\./,
    )
    expect(
      refusal(() => planForRequest(context(), chosen([["li_cap", 1.5]]), policy)).message,
    ).toBe("Enter a whole number of units to refund for Cap.")
    const shipped = planForRequest(context(), chosen([], ["sm_1"]), policy)
    const after = context([entryOf(shipped.plan, { id: "lref_1" })])
    expect(refusal(() => planForRequest(after, chosen([], ["sm_1"]), policy)).message).toBe(
      "The shipping (Post) is refunded already. Untick it to refund the items only.",
    )
  })
})
