import { gatewayRefundPlan, gatewayRefundPlanId, GatewayRefundPlanInput } from ".."
import { lineRefundsPatch, openPlanPatch } from "../../payment-data"
import { linesPlan, NOW, SimulatedPayment } from "./payment-simulator"

function input(
  payment: SimulatedPayment,
  overrides: Partial<GatewayRefundPlanInput> = {},
): GatewayRefundPlanInput {
  return {
    state: payment.state,
    report: {
      gateway_reference: "dash_1",
      status: "succeeded",
      amount: "5.00",
      currency_code: "EUR",
    },
    matched_plan_id: null,
    provider: "acme",
    payment: { id: "pay_1", currency_code: "eur" },
    order: { id: "order_1", pending_difference: "-25" },
    now: NOW,
    ...overrides,
  }
}

/** A payment whose 25.00 refund of plan lrplan_1 reached the gateway but whose answer was lost. */
function lostResponse() {
  const payment = new SimulatedPayment()
  payment.merge(lineRefundsPatch({ plans: { lrplan_1: linesPlan() } }))
  payment.abandon("lrplan_1")
  return payment
}

describe("gatewayRefundPlan", () => {
  it("records a dashboard refund by amount only, marked as made at the gateway", () => {
    const recording = gatewayRefundPlan(input(new SimulatedPayment()))
    expect(recording.amount).toBe("5")
    expect(recording.note).toBe("Refunded in acme's dashboard (reference dash_1)")
    expect(recording.warnings).toEqual([])
    expect(recording.plan).toMatchObject({
      id: gatewayRefundPlanId("pay_1", "dash_1"),
      status: "open",
      amount: "5",
      lines: {},
      shipping: {},
      pending_difference_before: "-25",
      refunded_at_gateway: { reference: "dash_1", status: "succeeded" },
      created_at: NOW.toISOString(),
    })
    // one plan per gateway refund, however often it is recorded
    expect(gatewayRefundPlan(input(new SimulatedPayment())).plan.id).toBe(recording.plan.id)
    expect(gatewayRefundPlanId("pay_2", "dash_1")).not.toBe(recording.plan.id)
  })

  it("records a lost refund with its plan's lines, for the amount Medusa owes", () => {
    const payment = lostResponse()
    const recording = gatewayRefundPlan(
      input(payment, {
        report: {
          gateway_reference: "gw_lost",
          status: "pending",
          amount: "25.00",
          currency_code: "eur",
          idempotency_key: "lr_key_1",
        },
        matched_plan_id: "lrplan_1",
      }),
    )
    expect(recording.warnings).toEqual([])
    expect(recording.note).toBe("Refund made at acme whose answer was lost (reference gw_lost)")
    expect(recording.amount).toBe(payment.state.plans.lrplan_1.amount_exact)
    expect(Object.keys(recording.plan.lines)).toEqual(["li_a"])
    expect(recording.plan).toMatchObject({
      idempotency_key: "lr_key_1",
      source: "return_refund",
      refunded_at_gateway: { reference: "gw_lost", status: "pending" },
      ledger_basis: { units: { li_a: 0 }, shipping: { sm_1: "0" } },
    })

    // the provider takes it and records the units into the ledger, without calling the gateway
    payment.merge(openPlanPatch(payment.state, recording.plan))
    const refundId = payment.providerRefund(recording.amount, {
      status: "succeeded",
      gateway_reference: "must not be used",
    })
    expect(payment.state.refunds[refundId]).toMatchObject({
      origin: "recorded",
      status: "pending",
      gateway_reference: "gw_lost",
      kind: "lines",
    })
    expect(payment.state.ledger.units).toEqual({ li_a: 2 })
  })

  it("falls back to amount only when the amount differs or the units were refunded since", () => {
    const payment = lostResponse()
    const otherAmount = gatewayRefundPlan(
      input(payment, {
        report: {
          gateway_reference: "gw_lost",
          status: "succeeded",
          amount: "20.00",
          currency_code: "eur",
          idempotency_key: "lr_key_1",
        },
        matched_plan_id: "lrplan_1",
      }),
    )
    expect(otherAmount.plan.lines).toEqual({})
    expect(otherAmount.amount).toBe("20")
    expect(otherAmount.warnings).toEqual([expect.stringMatching(/recorded by amount only/)])

    payment.merge(lineRefundsPatch({ ledger: { units: { li_a: 2 } } }))
    const moved = gatewayRefundPlan(
      input(payment, {
        report: {
          gateway_reference: "gw_lost",
          status: "succeeded",
          amount: "25.00",
          currency_code: "eur",
        },
        matched_plan_id: "lrplan_1",
      }),
    )
    expect(moved.plan.lines).toEqual({})
    expect(moved.warnings).toEqual([expect.stringMatching(/refunded by another refund since/)])
  })
})
