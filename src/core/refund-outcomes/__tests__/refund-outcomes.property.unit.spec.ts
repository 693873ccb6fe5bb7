import assert from "node:assert/strict"
import fc from "fast-check"
import { decideRefundOutcomes, GatewayRefundReport, RefundUpdatedEvent } from ".."
import { LedgerRefund, LedgerStatus, orderLedger } from "../../ledger"
import { fromMinorUnits } from "../../money"
import { RefundStatus } from "../../payment-data"
import { buildRefundPlan, OrderSnapshot, ReceivedReturnSnapshot } from "../../refund-plan"
import { amountPlan, linesPlan, NOW, PAYMENT_ID, SimulatedPayment } from "./payment-simulator"

const RUNS = Number(process.env.OUTCOME_PROPERTY_RUNS ?? 500)
const status = fc.constantFrom<RefundStatus>("pending", "succeeded", "failed")
/** how long after a refund was sent the gateway is sure to show it */
const ABSENT_AFTER_SECONDS = 600
const MAX_REFUNDS = 6

/**
 * Model: a payment with up to four refunds of ours, each of its own order line (or by amount
 * only): answered pending or succeeded (some without a gateway reference), or in doubt because
 * the answer was lost, the gateway having made the refund or not; and up to two refunds made in
 * the gateway's dashboard. The gateway then sends any sequence of snapshots: webhooks with any
 * subset of its refunds, statuses in any order (late, replayed, contradictory), and complete
 * reconciliation reads that say how long the gateway takes to show a refund. A refund in doubt
 * that the gateway made is a real refund: its status moves forward only (pending, then its end).
 * A last complete read with every refund at its end closes the run.
 */
const scenario = fc.record({
  ours: fc.array(
    fc.record({
      cents: fc.integer({ min: 1, max: 9_999 }),
      /** 0: an amount-only refund; else that many units of the refund's own order line */
      units: fc.integer({ min: 0, max: 2 }),
      answered: fc.constantFrom("pending", "succeeded", "lost"),
      withReference: fc.boolean(),
      /** lost answers only: whether the gateway made the refund */
      made: fc.boolean(),
      /** lost answers only: how the refund ends, and from which snapshot on the gateway says so */
      ends: fc.constantFrom<RefundStatus>("succeeded", "failed"),
      endsAt: fc.nat(6),
      sentSecondsAgo: fc.integer({ min: 0, max: 3_600 }),
    }),
    { maxLength: 4 },
  ),
  dashboard: fc.array(fc.integer({ min: 1, max: 9_999 }), { maxLength: 2 }),
  snapshots: fc.array(
    fc.record({
      complete: fc.boolean(),
      picks: fc.array(fc.tuple(fc.nat(MAX_REFUNDS - 1), status), { maxLength: 6 }),
      statuses: fc.array(status, { minLength: MAX_REFUNDS, maxLength: MAX_REFUNDS }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  ends: fc.array(status, { minLength: MAX_REFUNDS, maxLength: MAX_REFUNDS }),
})

/** Where each status may go in one report: forward only; succeeded, failed, released are final. */
const NEXT: Record<LedgerStatus, LedgerStatus[]> = {
  in_doubt: ["in_doubt", "pending", "succeeded", "released"],
  pending: ["pending", "succeeded", "failed"],
  succeeded: ["succeeded"],
  failed: ["failed"],
  released: ["released"],
}

interface GatewayRefund extends Omit<GatewayRefundReport, "status"> {
  /** the status the gateway reports at snapshot k, given what the snapshot drew */
  statusAt: (k: number, drawn: RefundStatus) => RefundStatus
}

describe("refund outcomes under any sequence of gateway snapshots (property)", () => {
  it("never moves a status backwards, records each gateway refund once, books or releases each refund in doubt once, and converges", () => {
    fc.assert(
      fc.property(scenario, ({ ours, dashboard, snapshots, ends }) => {
        const order: OrderSnapshot = {
          id: "order_1",
          currency_code: "eur",
          items: ours.map((refund, i) => ({
            id: `li_${i}`,
            title: `Item ${i}`,
            quantity: 2,
            unit_price: fromMinorUnits(refund.cents + i * 10_000, "eur"),
            tax_lines: [],
          })),
          shipping_methods: [],
        }
        const returns: ReceivedReturnSnapshot[] = ours.map((refund, i) => ({
          id: `ret_${i}`,
          items: [{ item_id: `li_${i}`, received_quantity: Math.max(refund.units, 1) }],
        }))
        const payment = new SimulatedPayment(
          Object.fromEntries(order.items.map((item) => [item.id, 2])),
        )

        // the gateway's refunds: ours first, then the dashboard's
        const gateway: GatewayRefund[] = []
        const inDoubt: Array<{
          entryId: string
          reference: string
          made: boolean
          ends: RefundStatus
        }> = []
        ours.forEach((refund, i) => {
          const ids = { id: `lrplan_${i}`, idempotency_key: `lr_key_${i}` }
          const plan = refund.units
            ? linesPlan({
                ...buildRefundPlan({
                  order,
                  returns,
                  ledger: orderLedger(payment.entries),
                  return_id: `ret_${i}`,
                }),
                ...ids,
              })
            : amountPlan(fromMinorUnits(refund.cents + i * 10_000, "eur"), ids)
          const entryId = payment.refund(
            plan,
            refund.answered === "lost"
              ? "lost"
              : {
                  status: refund.answered as RefundStatus,
                  gateway_reference: refund.withReference ? `gw_${i}` : null,
                },
            { at: new Date(NOW.getTime() - refund.sentSecondsAgo * 1000) },
          )
          const lost = refund.answered === "lost"
          if (lost) {
            inDoubt.push({ entryId, reference: `gw_${i}`, made: refund.made, ends: refund.ends })
          }
          if (lost && !refund.made) return // the gateway never shows it
          gateway.push({
            gateway_reference: `gw_${i}`,
            idempotency_key: `lr_key_${i}`,
            amount: plan.amount,
            currency_code: "EUR",
            statusAt: lost
              ? (k) => (k < refund.endsAt ? "pending" : refund.ends)
              : (_k, drawn) => drawn,
          })
        })
        dashboard.forEach((cents, j) =>
          gateway.push({
            gateway_reference: `dash_${j}`,
            amount: fromMinorUnits(cents + 100_000 * (j + 1), "eur"),
            currency_code: "EUR",
            statusAt: (_k, drawn) => drawn,
          }),
        )
        const report = (index: number, k: number, drawn: RefundStatus): GatewayRefundReport => {
          const { statusAt, ...refund } = gateway[index]
          return { ...refund, status: statusAt(k, drawn) }
        }

        const run = (event: RefundUpdatedEvent, now: Date) => {
          const decide = () =>
            decideRefundOutcomes({
              entries: payment.entries,
              plans: payment.plans,
              payment_id: PAYMENT_ID,
              currency_code: "eur",
              event,
              medusa_refunds: payment.medusaRefunds,
              now,
            })
          const before = new Map(payment.entries.map((e) => [e.id, e.status]))
          payment.apply(decide())
          checkLedger(payment, order, before)
          // a replay of the same snapshot changes nothing
          const replay = decide().filter((action) => action.type !== "warn")
          assert.deepStrictEqual(replay, [], "a replay decided more than warnings")
        }

        const event = (refunds: GatewayRefundReport[], complete: boolean): RefundUpdatedEvent => ({
          provider: "acme",
          session_id: "payses_1",
          payment_reference: "gw_order_1",
          refunds,
          source: complete ? "reconciliation" : "webhook",
          ...(complete ? { absent_after_seconds: ABSENT_AFTER_SECONDS } : {}),
        })
        snapshots.forEach(({ complete, picks, statuses }, k) => {
          const refunds = complete
            ? gateway.map((_, index) => report(index, k, statuses[index]))
            : picks
                .filter(([index]) => index < gateway.length)
                .map(([index, drawn]) => report(index, k, drawn))
          run(event(refunds, complete), NOW)
        })
        // the last complete read, long after: every refund at its end
        const last = snapshots.length + 6
        run(
          event(
            gateway.map((_, index) => report(index, last, ends[index])),
            true,
          ),
          new Date(NOW.getTime() + 3_600_000),
        )

        // each refund in doubt ends booked exactly once, or released: never both, never still in doubt
        for (const { entryId, reference, made, ends: end } of inDoubt) {
          const entry = payment.entry(entryId)
          // a refund the gateway made and carried out is booked, and ends succeeded
          if (made && end === "succeeded") assert.strictEqual(entry.status, "succeeded", entryId)
          const carrying = payment.entries.filter((e) => e.gateway_reference === reference)
          if (entry.status === "released") {
            assert.strictEqual(entry.refund_id, null)
            // it may keep the failed refund's reference, but nothing else books that refund
            assert.deepStrictEqual(
              carrying.filter((e) => e.id !== entryId),
              [],
              `${reference} released and booked`,
            )
          } else {
            assert.ok(made, `${entryId} booked though the gateway never made it`)
            assert.ok(["pending", "succeeded", "failed"].includes(entry.status), entry.status)
            assert.match(entry.refund_id ?? "", /^ref_/)
            assert.deepStrictEqual(
              carrying.map((e) => e.id),
              [entryId],
            )
          }
        }
        // every refund the gateway made that did not fail is booked, once
        gateway.forEach((refund, index) => {
          const carrying = payment.entries.filter(
            (e) => e.gateway_reference === refund.gateway_reference,
          )
          assert.ok(carrying.length <= 1, `${refund.gateway_reference} booked twice`)
          const end = report(index, last, ends[index]).status
          if (end !== "failed" && refund.gateway_reference.startsWith("dash_")) {
            assert.strictEqual(carrying.length, 1, `${refund.gateway_reference} not booked`)
          }
        })
        // refunds of ours are never booked a second time as refunds made at the gateway
        const recorded = payment.entries.filter((e) => e.source === "gateway_report")
        for (const entry of recorded) assert.match(entry.gateway_reference ?? "", /^dash_/)
      }),
      { numRuns: RUNS },
    )
  })
})

/** After every report: statuses only moved forward, references are unique, units add up. */
function checkLedger(
  payment: SimulatedPayment,
  order: OrderSnapshot,
  before: Map<string, LedgerStatus>,
) {
  for (const entry of payment.entries) {
    const was = before.get(entry.id)
    if (was) assert.ok(NEXT[was].includes(entry.status), `${entry.id}: ${was} → ${entry.status}`)
  }
  const references = payment.entries
    .map((e) => e.gateway_reference)
    .filter((r): r is string => r != null)
  assert.strictEqual(new Set(references).size, references.length, `references ${references}`)

  const ledger = orderLedger(payment.entries)
  for (const item of order.items) {
    const units = ledger.units[item.id] ?? 0
    assert.ok(units >= 0 && units <= Number(item.quantity), `${item.id}: ${units} units refunded`)
  }
  // the units of released and failed refunds are free again; live ones hold theirs
  const holding = (e: LedgerRefund) => !["failed", "released"].includes(e.status)
  for (const claim of payment.claims) {
    assert.ok(holding(payment.entry(claim.entry_id)), `claim of ${claim.entry_id} kept`)
  }
  for (const entry of payment.entries.filter(holding)) {
    const units = entry.units.reduce((sum, u) => sum + u.quantity, 0)
    assert.strictEqual(payment.claims.filter((c) => c.entry_id === entry.id).length, units)
  }
}
