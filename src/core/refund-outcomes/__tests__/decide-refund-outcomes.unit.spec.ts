import { decideRefundOutcomes, GatewayRefundReport, RefundUpdatedEvent } from ".."
import { lineRefundsPatch } from "../../payment-data"
import { amountPlan, linesPlan, NOW, SimulatedPayment } from "./payment-simulator"

function report(overrides: Partial<GatewayRefundReport> = {}): GatewayRefundReport {
  return {
    gateway_reference: "gw_r1",
    status: "succeeded",
    amount: "25.00",
    currency_code: "EUR",
    ...overrides,
  }
}

function event(...refunds: GatewayRefundReport[]): RefundUpdatedEvent {
  return {
    provider: "acme",
    session_id: "payses_1",
    payment_reference: "gw_order_1",
    refunds,
    source: "webhook",
  }
}

function decide(payment: SimulatedPayment, e: RefundUpdatedEvent, extra = {}) {
  return decideRefundOutcomes({
    state: payment.state,
    currency_code: "eur",
    event: e,
    now: NOW,
    ...extra,
  })
}

/** A payment with one refund of 25.00 (2 caps + shipping) that the gateway answered pending. */
function pendingRefund() {
  const payment = new SimulatedPayment()
  const refundId = payment.refund(linesPlan(), { status: "pending", gateway_reference: "gw_r1" })
  return { payment, refundId }
}

describe("decideRefundOutcomes: refunds we have a record of", () => {
  it("settles a pending refund the gateway reports succeeded", () => {
    const { payment, refundId } = pendingRefund()
    expect(decide(payment, event(report({ gateway_status: "completed" })))).toEqual([
      {
        type: "settle",
        refund_id: refundId,
        status: "succeeded",
        gateway_reference: "gw_r1",
        gateway_status: "completed",
        failure_reason: null,
      },
    ])
  })

  it("settles a refund whose gateway rounded a minor unit differently, by the gateway's own figure", () => {
    // MultiSafepay's cart rule refunds 24.99 for lines Medusa values at 25.00 (research TV4)
    const payment = new SimulatedPayment()
    const refundId = payment.refund(linesPlan(), {
      status: "pending",
      gateway_reference: "gw_r1",
      gateway_amount: "24.99",
    })
    expect(decide(payment, event(report({ amount: "24.99" })))).toEqual([
      expect.objectContaining({ type: "settle", refund_id: refundId, status: "succeeded" }),
    ])
    expect(decide(payment, event(report({ amount: "25.00" })))).toEqual([
      expect.objectContaining({ type: "warn" }),
    ])
  })

  it("settles a pending refund the gateway reports failed, with its reason", () => {
    const { payment, refundId } = pendingRefund()
    const [action] = decide(
      payment,
      event(report({ status: "failed", gateway_status: "declined", reason: "Insufficient funds" })),
    )
    expect(action).toMatchObject({
      type: "settle",
      refund_id: refundId,
      status: "failed",
      failure_reason: "Insufficient funds",
    })
    const [noReason] = decide(payment, event(report({ status: "failed", gateway_status: "void" })))
    expect(noReason).toMatchObject({ failure_reason: "void" })
  })

  it("matches a record without a gateway reference by the idempotency key the gateway echoes", () => {
    const payment = new SimulatedPayment()
    const refundId = payment.refund(linesPlan(), { status: "pending", gateway_reference: null })
    expect(decide(payment, event(report({ idempotency_key: "lr_key_1" })))).toEqual([
      expect.objectContaining({ type: "settle", refund_id: refundId, gateway_reference: "gw_r1" }),
    ])
  })

  it("never moves a status backwards: terminal states stay, a reversal only warns", () => {
    const { payment, refundId } = pendingRefund()
    expect(decide(payment, event(report({ status: "pending" })))).toEqual([])
    payment.merge(lineRefundsPatch({ refunds: { [refundId]: { status: "succeeded" } } }))
    expect(decide(payment, event(report({ status: "pending" })))).toEqual([])
    expect(decide(payment, event(report({ status: "succeeded" })))).toEqual([])
    expect(decide(payment, event(report({ status: "failed" })))).toEqual([
      expect.objectContaining({ type: "warn", refund_id: refundId }),
    ])
    payment.merge(lineRefundsPatch({ refunds: { [refundId]: { status: "failed" } } }))
    expect(decide(payment, event(report({ status: "failed" })))).toEqual([])
    expect(decide(payment, event(report({ status: "pending" })))).toEqual([])
    expect(decide(payment, event(report({ status: "succeeded" })))).toEqual([
      expect.objectContaining({ type: "warn", refund_id: refundId }),
    ])
  })

  it("warns and does not settle when the gateway's amount or currency differs from the record", () => {
    const { payment, refundId } = pendingRefund()
    const [amount] = decide(payment, event(report({ amount: "24.99" })))
    expect(amount).toMatchObject({ type: "warn", refund_id: refundId })
    expect((amount as { message: string }).message).toMatch(/24\.99 EUR .* not settled/)
    // less than a minor unit apart is the same amount (Medusa books exact amounts, gateways cents)
    expect(decide(payment, event(report({ amount: "25.004" })))[0]).toMatchObject({
      type: "settle",
    })
    expect(decide(payment, event(report({ currency_code: "USD" })))).toEqual([
      expect.objectContaining({ type: "warn" }),
    ])
  })

  it("leaves alone a report that shares a record's key but not its reference", () => {
    const { payment, refundId } = pendingRefund()
    expect(
      decide(
        payment,
        event(report({ gateway_reference: "gw_other", idempotency_key: "lr_key_1" })),
      ),
    ).toEqual([expect.objectContaining({ type: "warn", refund_id: refundId })])
  })
})

describe("decideRefundOutcomes: refunds we have no record of", () => {
  it("records a dashboard refund, pending or succeeded, and ignores a failed one", () => {
    const payment = new SimulatedPayment()
    const dashboard = report({ gateway_reference: "dash_1", amount: "5.00" })
    expect(decide(payment, event(dashboard))).toEqual([
      { type: "record_gateway_refund", report: dashboard, plan_id: null },
    ])
    const pending = report({ gateway_reference: "dash_2", status: "pending" })
    expect(decide(payment, event(pending))).toEqual([
      { type: "record_gateway_refund", report: pending, plan_id: null },
    ])
    expect(
      decide(payment, event(report({ gateway_reference: "dash_3", status: "failed" }))),
    ).toEqual([])
  })

  it("carries the plan of a refund whose response was lost, even an abandoned one", () => {
    const payment = new SimulatedPayment()
    payment.merge(lineRefundsPatch({ plans: { lrplan_1: linesPlan() } }))
    payment.abandon("lrplan_1")
    const lost = report({ gateway_reference: "gw_lost", idempotency_key: "lr_key_1" })
    expect(decide(payment, event(lost))).toEqual([
      { type: "record_gateway_refund", report: lost, plan_id: "lrplan_1" },
    ])
  })

  it("records each gateway refund once: not twice in one snapshot, not again once recorded", () => {
    const payment = new SimulatedPayment()
    const dashboard = report({ gateway_reference: "dash_1", amount: "5.00" })
    const actions = decide(payment, event(dashboard, { ...dashboard }))
    expect(actions).toHaveLength(1)
    payment.apply(actions)
    expect(Object.values(payment.state.refunds)).toEqual([
      expect.objectContaining({ gateway_reference: "dash_1", origin: "recorded", amount: "5" }),
    ])
    expect(decide(payment, event(dashboard))).toEqual([])
  })

  it("does not retry a gateway refund Medusa refused to record, but says so", () => {
    const payment = new SimulatedPayment()
    payment.merge(
      lineRefundsPatch({
        plans: {
          lrplan_gw: amountPlan("5.00", {
            id: "lrplan_gw",
            status: "abandoned",
            refunded_at_gateway: { reference: "dash_1", status: "succeeded" },
          }),
        },
      }),
    )
    expect(decide(payment, event(report({ gateway_reference: "dash_1", amount: "5.00" })))).toEqual(
      [expect.objectContaining({ type: "warn", message: expect.stringMatching(/not retried/) })],
    )
  })

  it("defers recording while a Medusa refund without a record may still be in flight", () => {
    const payment = new SimulatedPayment()
    const dashboard = report({ gateway_reference: "dash_1", amount: "5.00" })
    const young = { id: "ref_x", created_at: new Date(NOW.getTime() - 60_000).toISOString() }
    expect(decide(payment, event(dashboard), { medusa_refunds: [young] })).toEqual([
      expect.objectContaining({ type: "warn", message: expect.stringMatching(/deferred/) }),
    ])
    const old = { id: "ref_x", created_at: new Date(NOW.getTime() - 3_600_000).toISOString() }
    expect(decide(payment, event(dashboard), { medusa_refunds: [old] })).toEqual([
      expect.objectContaining({ type: "record_gateway_refund" }),
    ])
  })
})
