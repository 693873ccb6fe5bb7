import fc from "fast-check"
import { decideRefundOutcomes, GatewayRefundReport, RefundUpdatedEvent } from ".."
import { RefundStatus } from "../../payment-data"
import { amountPlan, NOW, SimulatedPayment } from "./payment-simulator"

const RUNS = Number(process.env.OUTCOME_PROPERTY_RUNS ?? 500)
const status = fc.constantFrom<RefundStatus>("pending", "succeeded", "failed")

/**
 * Model: a payment with up to four refunds of ours (some answered without a gateway reference)
 * and up to two refunds made in the gateway's dashboard; the gateway then sends any sequence of
 * snapshots, statuses in any order (late, replayed, contradictory).
 */
const scenario = fc.record({
  ours: fc.array(
    fc.record({
      cents: fc.integer({ min: 1, max: 9_999 }),
      answered: fc.constantFrom<RefundStatus>("pending", "succeeded"),
      withReference: fc.boolean(),
    }),
    { maxLength: 4 },
  ),
  dashboard: fc.array(fc.integer({ min: 1, max: 9_999 }), { maxLength: 2 }),
  snapshots: fc.array(fc.array(fc.tuple(fc.nat(5), status), { maxLength: 6 }), {
    minLength: 1,
    maxLength: 6,
  }),
})

describe("refund outcomes under any sequence of gateway snapshots (property)", () => {
  it("never moves a status backwards, records each gateway refund once, and converges", () => {
    fc.assert(
      fc.property(scenario, ({ ours, dashboard, snapshots }) => {
        const payment = new SimulatedPayment()
        // the gateway's refunds: ours first, then the dashboard's
        const gateway: Array<Omit<GatewayRefundReport, "status">> = []
        ours.forEach((refund, i) => {
          // distinct amounts, so each refund takes its own plan
          const amount = (refund.cents + i * 10_000).toString().replace(/(\d\d)$/, ".$1")
          payment.refund(
            amountPlan(amount, { id: `lrplan_${i}`, idempotency_key: `lr_key_${i}` }),
            {
              status: refund.answered,
              gateway_reference: refund.withReference ? `gw_${i}` : null,
            },
          )
          gateway.push({
            gateway_reference: `gw_${i}`,
            idempotency_key: `lr_key_${i}`,
            amount,
            currency_code: "EUR",
          })
        })
        dashboard.forEach((cents, j) =>
          gateway.push({
            gateway_reference: `dash_${j}`,
            amount: (cents + 100_000 * (j + 1)).toString().replace(/(\d\d)$/, ".$1"),
            currency_code: "EUR",
          }),
        )

        for (const picks of snapshots) {
          const refunds = picks
            .filter(([index]) => index < gateway.length)
            .map(([index, s]) => ({ ...gateway[index], status: s }))
          const event: RefundUpdatedEvent = {
            provider: "acme",
            session_id: "payses_1",
            payment_reference: "gw_order_1",
            refunds,
            source: "webhook",
          }
          const decide = () =>
            decideRefundOutcomes({ state: payment.state, currency_code: "eur", event, now: NOW })
          const before = payment.state.refunds
          payment.apply(decide())
          const after = payment.state.refunds

          for (const [id, record] of Object.entries(before)) {
            const next = after[id].status
            if (record.status !== "pending" && next !== record.status) return false
          }
          const references = Object.values(after)
            .map((r) => r.gateway_reference)
            .filter((r): r is string => r != null)
          if (new Set(references).size !== references.length) return false
          if (Object.values(payment.state.ledger.units).some((u) => u < 0)) return false
          // a replay of the same snapshot changes nothing
          if (decide().some((action) => action.type !== "warn")) return false
        }
        return true
      }),
      { numRuns: RUNS },
    )
  })
})
