import assert from "node:assert/strict"
import fc from "fast-check"
import { ledgerEntryFromPlan, orderLedger } from ".."
import { toDecimal, toMinorUnits } from "../../money"
import {
  buildRefundPlan,
  emptyLedger,
  orderedPlanParts,
  ReceivedReturnSnapshot,
} from "../../refund-plan"
import { orderArbitrary } from "../../refund-plan/__tests__/order-arbitrary"
import { amountOnlyPlan, planOf, storedPlan, writtenEntry } from "./ledger-fixtures"

describe("ledgerEntryFromPlan", () => {
  it("writes the refund in doubt, before the gateway is called, with the plan's key and order context", () => {
    const plan = planOf(
      { return_id: "ret_2", shipping: ["sm_1"] },
      { pending_difference_before: "-23.33" },
    )
    const entry = ledgerEntryFromPlan({
      plan,
      amount: plan.amount_exact,
      provider_id: "pp_acme_acme",
      source: "return_refund",
      note: "Return #2",
    })
    expect(entry).toEqual({
      payment_id: "pay_1",
      order_id: "order_1",
      provider_id: "pp_acme_acme",
      refund_id: null,
      idempotency_key: "lr_key_1",
      return_ids: ["ret_2"],
      kind: "lines",
      source: "return_refund",
      status: "in_doubt",
      amount: plan.amount_exact,
      currency_code: "eur",
      gateway_amount: null,
      gateway_reference: null,
      plan_id: "lrplan_1",
      pending_difference_before: "-23.33",
      note: "Return #2",
      gateway: null,
      units: [
        {
          kind: "item",
          line_item_id: "li_a",
          shipping_method_id: null,
          return_id: "ret_2",
          title: "Cap",
          quantity: 1,
          amount: "10.00",
          amount_exact: "10",
        },
        {
          kind: "item",
          line_item_id: "li_b",
          shipping_method_id: null,
          return_id: "ret_2",
          title: "Mug",
          quantity: 1,
          amount: "6.67",
          amount_exact: plan.lines.li_b.total_exact,
        },
        {
          kind: "shipping",
          line_item_id: null,
          shipping_method_id: "sm_1",
          return_id: null,
          title: "Post",
          quantity: 1,
          amount: "5.00",
          amount_exact: "5",
        },
      ],
    })
  })

  it("splits a line taken from two returns into one group per return, adding up to the line exactly", () => {
    const plan = planOf()
    const entry = ledgerEntryFromPlan({
      plan,
      amount: plan.amount_exact,
      provider_id: "pp_acme_acme",
      source: "admin_refund",
    })
    expect(entry.return_ids).toEqual(["ret_1", "ret_2"])
    const mugs = entry.units.filter((u) => u.line_item_id === "li_b")
    // 20.00 for three mugs: 13.33 for two, 6.67 for one (largest remainder)
    expect(mugs.map((u) => [u.return_id, u.quantity, u.amount])).toEqual([
      ["ret_1", 2, "13.33"],
      ["ret_2", 1, "6.67"],
    ])
    const exact = mugs.reduce((sum, u) => sum.plus(u.amount_exact), toDecimal(0))
    expect(exact.eq(plan.lines.li_b.total_exact)).toBe(true)
    expect(entry.note).toBeNull()
  })

  it("keeps the amount Medusa books as given, as a plain decimal string", () => {
    const plan = planOf({ return_id: "ret_1" })
    expect(
      ledgerEntryFromPlan({
        plan,
        amount: "33.3300",
        provider_id: "pp_acme_acme",
        source: "auto_refund",
      }).amount,
    ).toBe("33.33")
  })

  it("writes an amount-only refund without units", () => {
    const entry = ledgerEntryFromPlan({
      plan: amountOnlyPlan("15.00"),
      amount: "15.00",
      provider_id: "pp_acme_acme",
      source: "admin_refund",
    })
    expect(entry).toMatchObject({ kind: "amount", units: [], return_ids: [], amount: "15" })
  })

  it("keeps the order's own line order whatever order the stored plan's keys come in", () => {
    const plan = planOf({ return_id: "ret_1" })
    const reversed = { ...plan, lines: { li_b: plan.lines.li_b, li_a: plan.lines.li_a } }
    const entry = ledgerEntryFromPlan({
      plan: reversed,
      amount: plan.amount,
      provider_id: "pp_acme_acme",
      source: "admin_refund",
    })
    expect(entry.units.map((u) => u.line_item_id)).toEqual(["li_a", "li_b"])
  })
})

describe("ledgerEntryFromPlan properties", () => {
  /** An order, and up to three returns, each taking back a share of every line. */
  const scenario = orderArbitrary(30).chain((order) =>
    fc.tuple(
      fc.constant(order),
      fc.array(
        fc.array(fc.integer({ min: 0, max: 3 }), {
          minLength: order.items.length,
          maxLength: order.items.length,
        }),
        { minLength: 1, maxLength: 3 },
      ),
      fc.boolean(),
    ),
  )

  it("has one group per line and return; groups add up to each line and all units to the plan amount exactly", () => {
    fc.assert(
      fc.property(scenario, ([order, takes, withShipping]) => {
        const returned = new Map<string, number>()
        const returns: ReceivedReturnSnapshot[] = takes.map((take, r) => ({
          id: `ret_${r}`,
          received_at: new Date(Date.UTC(2026, 0, 1 + r)).toISOString(),
          items: order.items
            .map((item, i) => {
              const left = Number(item.quantity) - (returned.get(item.id) ?? 0)
              const quantity = Math.min(left, take[i])
              returned.set(item.id, (returned.get(item.id) ?? 0) + quantity)
              return { item_id: item.id, received_quantity: quantity }
            })
            .filter((i) => i.received_quantity > 0),
        }))
        const plan = storedPlan(
          buildRefundPlan({ order, returns, ledger: emptyLedger(), shipping: withShipping }),
        )
        const currency = plan.currency_code
        const entry = ledgerEntryFromPlan({
          plan,
          amount: plan.amount_exact,
          provider_id: "pp_acme_acme",
          source: "return_refund",
        })
        const minor = (amount: string) => toMinorUnits(amount, currency)
        const { lines, shipping } = orderedPlanParts(plan)

        // one group per line and return, in the order's line order, then the shipping
        assert.deepStrictEqual(
          entry.units.map((u) => [u.kind, u.line_item_id ?? u.shipping_method_id, u.return_id]),
          [
            ...lines.flatMap((line) =>
              Object.keys(line.returns)
                .sort()
                .map((returnId) => ["item", line.line_item_id, returnId]),
            ),
            ...shipping.map((method) => ["shipping", method.shipping_method_id, null]),
          ],
        )
        for (const line of lines) {
          const groups = entry.units.filter((u) => u.line_item_id === line.line_item_id)
          for (const group of groups) {
            assert.strictEqual(group.quantity, line.returns[group.return_id!])
            // no group is a minor unit or more away from its share of the line
            const share = toDecimal(minor(line.total)).times(group.quantity).div(line.quantity)
            assert.ok(
              share.minus(minor(group.amount)).abs().lt(1),
              `${group.amount} of ${line.total}`,
            )
          }
          assert.strictEqual(
            groups.reduce((sum, g) => sum + g.quantity, 0),
            line.quantity,
          )
          assert.strictEqual(
            groups.reduce((sum, g) => sum + minor(g.amount), 0),
            minor(line.total),
            `groups of ${line.line_item_id} vs ${line.total}`,
          )
          // what Medusa owes is kept at full precision (division noise of 20 decimals aside)
          const exact = groups.reduce((sum, g) => sum.plus(g.amount_exact), toDecimal(0))
          assert.ok(exact.minus(line.total_exact).abs().lt("1e-15"), exact.toFixed())
        }
        for (const method of shipping) {
          const unit = entry.units.find((u) => u.shipping_method_id === method.shipping_method_id)!
          assert.strictEqual(unit.amount, method.total)
          assert.strictEqual(unit.amount_exact, method.total_exact)
        }
        assert.strictEqual(
          entry.units.reduce((sum, u) => sum + minor(u.amount), 0),
          minor(plan.amount),
        )
        assert.strictEqual(entry.kind, entry.units.length ? "lines" : "amount")

        // booked, the entry is exactly what the plan refunds: nothing received is left after it
        const ledger = orderLedger([writtenEntry(entry, { status: "succeeded" })])
        assert.deepStrictEqual(
          ledger.units,
          Object.fromEntries(lines.map((l) => [l.line_item_id, l.quantity])),
        )
        const left = buildRefundPlan({ order, returns, ledger, shipping: withShipping })
        assert.deepStrictEqual(left.lines, {})
        assert.deepStrictEqual(left.shipping, {})
      }),
      { numRuns: Number(process.env.LEDGER_PROPERTY_RUNS ?? 1_000) },
    )
  })
})
