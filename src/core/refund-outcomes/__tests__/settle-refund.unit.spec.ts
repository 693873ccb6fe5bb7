import fc from "fast-check"
import { MathBN } from "@medusajs/framework/utils"
import { decideRefundOutcomes, ledgerWithoutRefund, refundCreditLineAmount } from ".."
import { emptyLedger, ledgerAfterPlan } from "../../refund-plan"
import { linesPlan, NOW, SimulatedPayment } from "./payment-simulator"

describe("refundCreditLineAmount", () => {
  it("is what Medusa turned into a credit line: the part of the refund nobody was owed", () => {
    expect(refundCreditLineAmount("25", "-25")).toBe("0") // refund of exactly what was owed
    expect(refundCreditLineAmount("20", "-12.1")).toBe("7.9") // beyond what was owed
    expect(refundCreditLineAmount("7.5", "0")).toBe("7.5") // nothing owed
    expect(refundCreditLineAmount("7.5", "3")).toBe("7.5") // the customer owed the store
    expect(refundCreditLineAmount("18.0895", "-18.0895")).toBe("0")
    expect(refundCreditLineAmount("5", null)).toBeNull() // unknown: never guessed
  })

  it("matches Medusa's rule for any amounts (property)", () => {
    const cents = fc.integer({ min: -100_000, max: 100_000 }).map((c) => MathBN.convert(c).div(100))
    fc.assert(
      fc.property(cents, cents, (pending, rawAmount) => {
        const amount = rawAmount.abs().plus("0.01")
        // refundPaymentWorkflow: owed = -pending when pending < 0; credit = max(0, amount - owed)
        const medusa = pending.lt(0) ? MathBN.max(MathBN.sub(amount, pending.negated()), 0) : amount
        const ours = refundCreditLineAmount(amount.toFixed(), pending.toFixed())
        return MathBN.eq(ours!, medusa)
      }),
    )
  })
})

describe("ledgerWithoutRefund", () => {
  it("takes exactly the refund's units, return units and shipping back out of the ledger", () => {
    const payment = new SimulatedPayment()
    payment.merge({
      line_refunds: {
        ledger: { units: { li_a: 1 }, return_units: { ret_0: { li_a: 1 } }, shipping: {} },
      },
    })
    const plan = linesPlan({ ledger_basis: { units: { li_a: 1 }, shipping: { sm_1: "0" } } })
    const refundId = payment.refund(plan, { status: "pending", gateway_reference: "gw_1" })
    expect(payment.state.ledger).toEqual({
      units: { li_a: 3 },
      return_units: { ret_0: { li_a: 1 }, ret_1: { li_a: 2 } },
      shipping: { sm_1: "5" },
    })
    const [fail] = decideRefundOutcomes({
      state: payment.state,
      currency_code: "eur",
      now: NOW,
      event: {
        provider: "acme",
        session_id: "payses_1",
        payment_reference: "gw_order_1",
        source: "webhook",
        refunds: [
          {
            gateway_reference: "gw_1",
            status: "failed",
            amount: plan.amount,
            currency_code: "eur",
            reason: "Card expired",
          },
        ],
      },
    })
    payment.apply([fail])
    expect(payment.state.ledger).toEqual({
      units: { li_a: 1 },
      return_units: { ret_0: { li_a: 1 }, ret_1: { li_a: 0 } },
      shipping: { sm_1: "0" },
    })
    expect(payment.state.refunds[refundId]).toMatchObject({
      status: "failed",
      failure_reason: "Card expired",
      status_changed_at: NOW.toISOString(),
      gateway: { reported_status: "failed" },
    })
  })

  it("is the inverse of ledgerAfterPlan on every entry the plan touched (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 500 }),
        (unitsBefore, otherReturnUnits, shippingCents) => {
          const before = emptyLedger()
          before.units.li_a = unitsBefore
          before.return_units.ret_1 = { li_a: otherReturnUnits }
          before.shipping.sm_1 = MathBN.convert(shippingCents).div(100).toFixed()
          const plan = linesPlan({ id: "lrplan_1" })
          const after = { ...before, ...ledgerAfterPlan(before, plan) }
          const state = {
            plans: { lrplan_1: plan },
            refunds: {},
            ledger: {
              units: { ...before.units, ...after.units },
              return_units: { ...before.return_units, ...after.return_units },
              shipping: { ...before.shipping, ...after.shipping },
            },
          }
          const record = { plan_id: "lrplan_1", lines: {}, shipping: {} } as never
          const undone = ledgerWithoutRefund(state, record)
          return (
            undone.units.li_a === unitsBefore &&
            undone.return_units.ret_1.li_a === otherReturnUnits &&
            MathBN.eq(undone.shipping.sm_1, before.shipping.sm_1)
          )
        },
      ),
    )
  })
})
