import assert from "node:assert/strict"
import fc from "fast-check"
import { getLineItemTotals, MathBN } from "@medusajs/framework/utils"
import { currencyExponent, minorUnit, toDecimal, toMinorUnits } from "../../money"
import {
  buildRefundPlan,
  emptyLedger,
  OrderItemSnapshot,
  OrderSnapshot,
  planForRequest,
  ReceivedReturnSnapshot,
  RefundPlanDraft,
} from ".."
import { orderArbitrary } from "./order-arbitrary"
import { LedgerRefund, orderLedger } from "../../ledger"
import { entryOf, storedPlan } from "../../ledger/__tests__/ledger-fixtures"
import { readLineRefundsState } from "../../payment-data"

/** Medusa's own order-total drop when `received` units of a line come back (independent path). */
function medusaOwedFor(item: OrderItemSnapshot, received: number) {
  const totalWith = (returned: number) =>
    getLineItemTotals(
      {
        ...(item as never as Parameters<typeof getLineItemTotals>[0]),
        // Medusa writes computed totals onto tax lines; keep the generated order untouched
        tax_lines: (item.tax_lines ?? []).map((line) => ({ ...line })) as never,
        adjustments: (item.adjustments ?? []).map((adjustment) => ({ ...adjustment })) as never,
        is_tax_inclusive: !!item.is_tax_inclusive,
        detail: { return_received_quantity: returned, return_dismissed_quantity: 0 } as never,
      },
      { includeTax: !!item.is_tax_inclusive },
    ).total
  return MathBN.sub(totalWith(0) as never, totalWith(received) as never)
}

function planMinorSum(plan: RefundPlanDraft) {
  const parts = [...Object.values(plan.lines), ...Object.values(plan.shipping)]
  return parts.reduce((sum, part) => sum + toMinorUnits(part.total, plan.currency_code), 0)
}

/** The order's ledger entries once `plan` is refunded too (booked as succeeded). */
function withRefundOf(entries: LedgerRefund[], plan: RefundPlanDraft): LedgerRefund[] {
  const n = entries.length + 1
  const stored = storedPlan(plan, { id: `lrplan_${n}`, idempotency_key: `lr_key_${n}` })
  return [...entries, entryOf(stored, { id: `lref_${n}`, refund_id: `ref_${n}` })]
}

const EUR_ORDER: OrderSnapshot = {
  id: "order_1",
  currency_code: "eur",
  items: [
    // 25.00 excl. 21% VAT
    {
      id: "li_a",
      title: "Shirt",
      variant_sku: "SHIRT-M",
      quantity: 2,
      unit_price: 25,
      is_tax_inclusive: false,
      tax_lines: [{ rate: 21 }],
    },
    // 12.10 incl. 21% VAT
    {
      id: "li_b",
      title: "Mug",
      quantity: 3,
      unit_price: "12.10",
      is_tax_inclusive: true,
      tax_lines: [{ rate: 21 }],
    },
    // 40.00 excl. 9% with 10.00 off the line
    {
      id: "li_c",
      title: "Book",
      quantity: 2,
      unit_price: 40,
      is_tax_inclusive: false,
      tax_lines: [{ rate: 9 }],
      adjustments: [{ amount: 10, code: "TENOFF" }],
    },
  ],
  shipping_methods: [{ id: "sm_1", name: "Standard", amount: "4.95", tax_lines: [{ rate: 21 }] }],
}

describe("buildRefundPlan", () => {
  const returns: ReceivedReturnSnapshot[] = [
    {
      id: "ret_1",
      received_at: "2026-11-01T10:00:00Z",
      items: [
        { item_id: "li_a", received_quantity: 1 },
        { item_id: "li_b", received_quantity: 2 },
      ],
    },
    {
      id: "ret_2",
      received_at: "2026-11-02T10:00:00Z",
      items: [{ item_id: "li_c", received_quantity: 1 }],
    },
  ]

  it("prices received units the way Medusa does: exclusive, inclusive and discounted lines", () => {
    const plan = buildRefundPlan({ order: EUR_ORDER, returns, ledger: emptyLedger() })
    expect(plan.lines.li_a).toMatchObject({
      quantity: 1,
      unit_price_excl_tax: "25",
      unit_price_incl_tax: "30.25",
      tax_rate: "21",
      total: "30.25",
      returns: { ret_1: 1 },
    })
    expect(plan.lines.li_b).toMatchObject({
      quantity: 2,
      unit_price_excl_tax: "10",
      unit_price_incl_tax: "12.1",
      total: "24.20",
    })
    // (80 - 10) * 1.09 / 2 per unit
    expect(plan.lines.li_c).toMatchObject({
      quantity: 1,
      discount_subtotal: "5",
      discount_total: "5.45",
      total: "38.15",
      returns: { ret_2: 1 },
    })
    expect(plan.amount).toBe("92.60")
    expect(plan.return_ids).toEqual({ ret_1: true, ret_2: true })
    expect(plan.shipping).toEqual({})
  })

  it("limits a plan to one return and adds the shipping left to refund", () => {
    const plan = buildRefundPlan({
      order: EUR_ORDER,
      returns,
      ledger: emptyLedger(),
      return_id: "ret_2",
      shipping: true,
    })
    expect(Object.keys(plan.lines)).toEqual(["li_c"])
    expect(plan.shipping.sm_1).toMatchObject({ total: "5.99", total_exact: "5.9895" })
    expect(plan.amount).toBe("44.14") // 38.15 + 5.9895 = 44.1395
    expect(planMinorSum(plan)).toBe(4414)
  })

  it("never refunds units twice: the ledger takes refunded units out", () => {
    const first = buildRefundPlan({ order: EUR_ORDER, returns, ledger: emptyLedger() })
    const ledger = orderLedger(withRefundOf([], first))
    const second = buildRefundPlan({ order: EUR_ORDER, returns, ledger })
    expect(second.lines).toEqual({})
    expect(second.amount).toBe("0.00")
    const third = buildRefundPlan({
      order: EUR_ORDER,
      returns: [
        ...returns,
        {
          id: "ret_3",
          received_at: "2026-11-03T00:00:00Z",
          items: [{ item_id: "li_a", received_quantity: 1 }],
        },
      ],
      ledger,
    })
    expect(Object.keys(third.lines)).toEqual(["li_a"])
    expect(third.lines.li_a.returns).toEqual({ ret_3: 1 })
  })

  it("refuses a return that names a line the order does not have", () => {
    expect(() =>
      buildRefundPlan({
        order: EUR_ORDER,
        returns: [{ id: "ret_x", items: [{ item_id: "li_zzz", received_quantity: 1 }] }],
        ledger: emptyLedger(),
      }),
    ).toThrow("Return ret_x refers to line item li_zzz, which order order_1 does not have")
  })

  it("keeps JPY and KWD to their own minor units", () => {
    const jpy = buildRefundPlan({
      order: {
        id: "o",
        currency_code: "jpy",
        items: [
          {
            id: "l",
            title: "T",
            quantity: 3,
            unit_price: 1000,
            tax_lines: [{ rate: 10 }],
            adjustments: [{ amount: 1 }],
          },
        ],
      },
      returns: [{ id: "r", items: [{ item_id: "l", received_quantity: 2 }] }],
      ledger: emptyLedger(),
    })
    expect(jpy.amount).toBe("2199") // (3000 - 1) * 1.1 * 2/3 = 2199.2666…
    const kwd = buildRefundPlan({
      order: {
        id: "o",
        currency_code: "kwd",
        items: [
          {
            id: "l",
            title: "T",
            quantity: 3,
            unit_price: "1.255",
            is_tax_inclusive: true,
            tax_lines: [{ rate: 5 }],
          },
        ],
      },
      returns: [{ id: "r", items: [{ item_id: "l", received_quantity: 1 }] }],
      ledger: emptyLedger(),
    })
    expect(kwd.amount).toBe("1.255")
  })
})

describe("buildRefundPlan properties", () => {
  /** A scenario: an order, then steps that receive units back and refund them. */
  const scenario = orderArbitrary(200).chain((order) =>
    fc.tuple(
      fc.constant(order),
      fc.array(
        fc.record({
          // per line, a fraction of what is still unreturned that comes back in this return
          take: fc.array(fc.integer({ min: 0, max: 3 }), {
            minLength: order.items.length,
            maxLength: order.items.length,
          }),
          refund: fc.constantFrom("all", "this_return", "later"),
          shipping: fc.boolean(),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    ),
  )

  it("never over-refunds units, totals add up exactly, and the amount is what Medusa owes", () => {
    fc.assert(
      fc.property(scenario, ([order, steps]) => {
        const returns: ReceivedReturnSnapshot[] = []
        const returned = new Map<string, number>()
        let entries: LedgerRefund[] = []
        let ledger = emptyLedger()
        let refundedMinor = 0
        let refunds = 0
        steps.forEach((step, index) => {
          const items = order.items
            .map((item, i) => {
              const left = Number(item.quantity) - (returned.get(item.id) ?? 0)
              return { item_id: item.id, received_quantity: Math.min(left, step.take[i]) }
            })
            .filter((i) => i.received_quantity > 0)
          for (const i of items)
            returned.set(i.item_id, (returned.get(i.item_id) ?? 0) + i.received_quantity)
          const ret = {
            id: `ret_${index}`,
            received_at: new Date(Date.UTC(2026, 0, 1 + index)).toISOString(),
            items,
          }
          returns.push(ret)
          if (step.refund === "later") return

          const plan = buildRefundPlan({
            order,
            returns,
            ledger,
            return_id: step.refund === "this_return" ? ret.id : undefined,
            shipping: step.shipping,
          })
          // 1. line totals and shipping add up to the plan amount, to the minor unit
          assert.strictEqual(planMinorSum(plan), toMinorUnits(plan.amount, order.currency_code))
          // 2. the rounded amount is within half a minor unit of the exact amount
          assert.ok(
            toDecimal(plan.amount)
              .minus(plan.amount_exact)
              .abs()
              .lte(minorUnit(order.currency_code).div(2)),
            `amount ${plan.amount} vs exact ${plan.amount_exact}`,
          )
          // 3. the exact amount for the units equals Medusa's own drop in the order total
          let owed = toDecimal(0)
          for (const line of Object.values(plan.lines)) {
            const item = order.items.find((i) => i.id === line.line_item_id)!
            owed = owed.plus(medusaOwedFor(item, line.quantity))
            // 4. never more units than received minus already refunded
            const received = returns
              .flatMap((r) => r.items)
              .filter((i) => i.item_id === item.id)
              .reduce((s, i) => s + Number(i.received_quantity), 0)
            assert.ok(
              line.quantity <= received - (ledger.units[item.id] ?? 0),
              `line ${item.id} over-refunded`,
            )
            if (step.refund === "this_return")
              assert.deepStrictEqual(Object.keys(line.returns), [ret.id])
          }
          const shippingExact = Object.values(plan.shipping).reduce(
            (s, m) => s.plus(m.total_exact),
            toDecimal(0),
          )
          assert.ok(
            owed.plus(shippingExact).minus(plan.amount_exact).abs().lt("1e-12"),
            `Medusa owes ${owed.toFixed()} + shipping, plan says ${plan.amount_exact}`,
          )

          // 5. the stock Refund button with exactly this amount is given these same lines
          if (step.refund === "all" && Object.keys(plan.lines).length) {
            const decision = planForRequest(
              {
                payment: {
                  id: "pay_1",
                  amount: "1e9",
                  currency_code: order.currency_code,
                  provider_id: "pp_acme_acme",
                },
                order: { ...order, pending_difference: null },
                returns,
                ledger,
                entries,
                state: readLineRefundsState({}),
              },
              { kind: "amount", amount: plan.amount },
              { duplicateRefundWindowSeconds: 120, now: new Date(), newPlanId: () => "p" },
            )
            assert.deepStrictEqual(
              Object.fromEntries(
                Object.values(decision.plan.lines).map((l) => [l.line_item_id, l.quantity]),
              ),
              Object.fromEntries(
                Object.values(plan.lines).map((l) => [l.line_item_id, l.quantity]),
              ),
            )
          }

          entries = withRefundOf(entries, plan)
          ledger = orderLedger(entries)
          refundedMinor += toMinorUnits(plan.amount, order.currency_code)
          refunds += 1
        })
        // 6. refunding everything that is left settles the whole received quantity, no more
        const last = buildRefundPlan({ order, returns, ledger })
        entries = withRefundOf(entries, last)
        ledger = orderLedger(entries)
        refundedMinor += toMinorUnits(last.amount, order.currency_code)
        refunds += 1
        for (const item of order.items) {
          assert.strictEqual(ledger.units[item.id] ?? 0, returned.get(item.id) ?? 0)
        }
        const owedAll = order.items
          .filter((item) => returned.has(item.id))
          .reduce((s, item) => s.plus(medusaOwedFor(item, returned.get(item.id)!)), toDecimal(0))
        const shippingRefunded = Object.values(ledger.shipping).reduce(
          (s, a) => s.plus(a),
          toDecimal(0),
        )
        const exactMinor = owedAll
          .plus(shippingRefunded)
          .shiftedBy(currencyExponent(order.currency_code))
        const drift = toDecimal(refundedMinor).minus(exactMinor).abs()
        // each refund rounds once, by at most half a minor unit
        // (plus Medusa's 20-decimal division noise)
        assert.ok(drift.lte(refunds / 2 + 1e-9), `drift ${drift.toFixed()} over ${refunds} refunds`)
      }),
      { numRuns: Number(process.env.PLAN_PROPERTY_RUNS ?? 10_000) },
    )
  })
})
