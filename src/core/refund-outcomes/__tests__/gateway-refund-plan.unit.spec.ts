import { gatewayRefundPlan, gatewayRefundPlanId, GatewayRefundPlanInput } from ".."
import { orderLedger } from "../../ledger"
import { logicalRefundKey } from "../../payment-data"
import { linesPlan, NOW, PAYMENT_ID, SimulatedPayment } from "./payment-simulator"

function input(overrides: Partial<GatewayRefundPlanInput> = {}): GatewayRefundPlanInput {
  return {
    report: {
      gateway_reference: "dash_1",
      status: "succeeded",
      amount: "5.00",
      currency_code: "EUR",
    },
    in_doubt: null,
    provider: "acme",
    payment: { id: PAYMENT_ID, currency_code: "eur" },
    order: { id: "order_1", pending_difference: "-25" },
    now: NOW,
    ...overrides,
  }
}

/** A payment whose 25.00 refund of plan lrplan_1 reached the gateway but whose answer was lost. */
function lostAnswer() {
  const payment = new SimulatedPayment()
  const entryId = payment.refund(linesPlan(), "lost")
  return { payment, entry: payment.entry(entryId) }
}

const lostReport = {
  gateway_reference: "gw_lost",
  status: "pending" as const,
  amount: "25.00",
  currency_code: "eur",
  idempotency_key: "lr_key_1",
}

describe("gatewayRefundPlan", () => {
  it("records a dashboard refund by amount only, marked as made at the gateway", () => {
    const recording = gatewayRefundPlan(input())
    expect(recording.amount).toBe("5")
    expect(recording.note).toBe("Refunded in acme's dashboard (reference dash_1)")
    expect(recording.plan).toMatchObject({
      id: gatewayRefundPlanId(PAYMENT_ID, "dash_1"),
      status: "open",
      source: "admin_refund",
      payment_id: PAYMENT_ID,
      order_id: "order_1",
      currency_code: "eur",
      amount: "5",
      amount_exact: "5",
      return_ids: {},
      lines: {},
      shipping: {},
      pending_difference_before: "-25",
      refunded_at_gateway: { reference: "dash_1", status: "succeeded" },
      created_at: NOW.toISOString(),
    })
    // its own key, derived from the gateway's reference
    expect(recording.plan.idempotency_key).toBe(
      logicalRefundKey({ payment_id: PAYMENT_ID, gateway_reference: "dash_1" }),
    )
    // one plan per gateway refund, however often it is recorded
    expect(gatewayRefundPlan(input()).plan.id).toBe(recording.plan.id)
    expect(gatewayRefundPlanId("pay_2", "dash_1")).not.toBe(recording.plan.id)
    expect(gatewayRefundPlanId(PAYMENT_ID, "dash_2")).not.toBe(recording.plan.id)
  })

  it("keeps a pending dashboard refund pending, and the key the gateway echoes", () => {
    const recording = gatewayRefundPlan(
      input({
        report: {
          gateway_reference: "dash_2",
          status: "pending",
          amount: "7.5",
          currency_code: "EUR",
          idempotency_key: "their_key",
        },
      }),
    )
    expect(recording.plan.refunded_at_gateway).toEqual({
      reference: "dash_2",
      status: "pending",
      amount: null,
    })
    expect(recording.plan.idempotency_key).toBe("their_key")
    expect(recording.amount).toBe("7.5")
  })

  it("books a refund in doubt with its plan's lines, for the amount its entry says Medusa owes", () => {
    const { payment, entry } = lostAnswer()
    const plan = payment.plans.lrplan_1
    const recording = gatewayRefundPlan(input({ report: lostReport, in_doubt: { entry, plan } }))
    expect(recording.note).toBe("Refund made at acme whose answer was lost (reference gw_lost)")
    expect(recording.amount).toBe(entry.amount)
    expect(recording.amount).toBe(plan.amount_exact)
    expect(Object.keys(recording.plan.lines)).toEqual(["li_a"])
    expect(recording.plan).toMatchObject({
      id: gatewayRefundPlanId(PAYMENT_ID, "gw_lost"),
      idempotency_key: "lr_key_1",
      source: "return_refund",
      amount: plan.amount,
      amount_exact: plan.amount_exact,
      return_ids: { ret_1: true },
      shipping: { sm_1: expect.objectContaining({ total: "5.00" }) },
      refunded_at_gateway: { reference: "gw_lost", status: "pending" },
    })
  })

  it("keeps the entry's key even when the report echoes none", () => {
    const { payment, entry } = lostAnswer()
    const recording = gatewayRefundPlan(
      input({
        report: { ...lostReport, idempotency_key: null },
        in_doubt: { entry, plan: payment.plans.lrplan_1 },
      }),
    )
    expect(recording.plan.idempotency_key).toBe("lr_key_1")
  })

  it("is taken by the provider, which books it under the entry in doubt without calling the gateway", () => {
    const { payment, entry } = lostAnswer()
    expect(orderLedger(payment.entries).units).toEqual({})
    payment.apply([{ type: "record_in_doubt", entry_id: entry.id, report: lostReport }])
    expect(payment.entries).toHaveLength(1)
    expect(payment.entry(entry.id)).toMatchObject({
      status: "pending",
      gateway_reference: "gw_lost",
      refund_id: expect.stringMatching(/^ref_/),
      doubt_reason: null,
    })
    const refund = payment.state.refunds[payment.entry(entry.id).refund_id!]
    expect(refund).toMatchObject({ origin: "recorded", gateway_reference: "gw_lost" })
    // its units are what they were held for
    expect(orderLedger(payment.entries)).toEqual({
      units: { li_a: 2 },
      return_units: { ret_1: { li_a: 2 } },
      shipping: { sm_1: "5" },
    })
  })

  it("books a refund in doubt whose plan is gone by its entry's amount only", () => {
    const { entry } = lostAnswer()
    const recording = gatewayRefundPlan(
      input({ report: { ...lostReport, amount: "24.99" }, in_doubt: { entry, plan: null } }),
    )
    expect(recording.plan.lines).toEqual({})
    expect(recording.plan.shipping).toEqual({})
    expect(recording.amount).toBe(entry.amount)
    expect(recording.plan.amount).toBe(entry.amount)
    expect(recording.plan.idempotency_key).toBe("lr_key_1")
    expect(recording.note).toMatch(/whose answer was lost/)
  })
})
