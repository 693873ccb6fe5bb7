import {
  decideRefundOutcomes,
  GatewayRefundReport,
  gatewayRefundPlanId,
  RefundUpdatedEvent,
} from ".."
import { orderLedger } from "../../ledger"
import { lineRefundsPatch } from "../../payment-data"
import { buildRefundPlan, emptyLedger } from "../../refund-plan"
import {
  amountPlan,
  linesPlan,
  NOW,
  ORDER,
  PAYMENT_ID,
  SimulatedPayment,
} from "./payment-simulator"

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

function decide(
  payment: SimulatedPayment,
  e: RefundUpdatedEvent,
  extra: Partial<Parameters<typeof decideRefundOutcomes>[0]> = {},
) {
  return decideRefundOutcomes({
    entries: payment.entries,
    plans: payment.plans,
    payment_id: PAYMENT_ID,
    currency_code: "eur",
    event: e,
    now: NOW,
    ...extra,
  })
}

/** A payment with one refund of 25.00 (2 caps + shipping) that the gateway answered pending. */
function pendingRefund() {
  const payment = new SimulatedPayment()
  const entryId = payment.refund(linesPlan(), { status: "pending", gateway_reference: "gw_r1" })
  return { payment, entryId, refundId: payment.entry(entryId).refund_id! }
}

/** A payment whose 25.00 refund of plan lrplan_1 was sent, but the gateway's answer was lost. */
function inDoubtRefund(sentSecondsAgo = 3600) {
  const payment = new SimulatedPayment()
  const entryId = payment.refund(linesPlan(), "lost", {
    at: new Date(NOW.getTime() - sentSecondsAgo * 1000),
  })
  return { payment, entryId }
}

describe("decideRefundOutcomes: refunds the ledger has booked", () => {
  it("settles a pending refund the gateway reports succeeded", () => {
    const { payment, entryId, refundId } = pendingRefund()
    expect(decide(payment, event(report({ gateway_status: "completed" })))).toEqual([
      {
        type: "settle",
        entry_id: entryId,
        refund_id: refundId,
        status: "succeeded",
        gateway_reference: "gw_r1",
        gateway_status: "completed",
        failure_reason: null,
      },
    ])
  })

  it("settles a refund whose gateway rounded a minor unit differently, by the gateway's own figure", () => {
    // MultiSafepay's cart rule refunds 24.99 for lines Medusa values at 25.00
    // (docs/gateways/multisafepay.md#rounding, like TV4)
    const payment = new SimulatedPayment()
    const entryId = payment.refund(linesPlan(), {
      status: "pending",
      gateway_reference: "gw_r1",
      gateway_amount: "24.99",
    })
    expect(payment.entry(entryId).gateway_amount).toBe("24.99")
    expect(decide(payment, event(report({ amount: "24.99" })))).toEqual([
      expect.objectContaining({ type: "settle", entry_id: entryId, status: "succeeded" }),
    ])
    expect(decide(payment, event(report({ amount: "25.00" })))).toEqual([
      expect.objectContaining({ type: "warn", entry_id: entryId }),
    ])
  })

  it("settles a pending refund the gateway reports failed, with its reason", () => {
    const { payment, entryId, refundId } = pendingRefund()
    const [action] = decide(
      payment,
      event(report({ status: "failed", gateway_status: "declined", reason: "Insufficient funds" })),
    )
    expect(action).toMatchObject({
      type: "settle",
      entry_id: entryId,
      refund_id: refundId,
      status: "failed",
      failure_reason: "Insufficient funds",
    })
    const [noReason] = decide(payment, event(report({ status: "failed", gateway_status: "void" })))
    expect(noReason).toMatchObject({ failure_reason: "void" })
    const [nothing] = decide(payment, event(report({ status: "failed" })))
    expect(nothing).toMatchObject({ failure_reason: "failed at the gateway" })
  })

  it("gives a failed refund's units, return units and shipping back to the order", () => {
    const payment = new SimulatedPayment()
    // an earlier refund of one cap from return ret_0 stays
    const earlier = buildRefundPlan({
      order: ORDER,
      returns: [{ id: "ret_0", items: [{ item_id: "li_a", received_quantity: 1 }] }],
      ledger: emptyLedger(),
    })
    const kept = payment.refund(
      linesPlan({ ...earlier, id: "lrplan_0", idempotency_key: "lr_key_0" }),
      { status: "succeeded", gateway_reference: "gw_0" },
    )
    const entryId = payment.refund(linesPlan(), { status: "pending", gateway_reference: "gw_1" })
    expect(orderLedger(payment.entries)).toEqual({
      units: { li_a: 3 },
      return_units: { ret_0: { li_a: 1 }, ret_1: { li_a: 2 } },
      shipping: { sm_1: "5" },
    })
    expect(payment.claims.map((c) => `${c.target_id}#${c.unit_number}`)).toEqual([
      "li_a#1",
      "li_a#2",
      "li_a#3",
      "sm_1#1",
    ])

    const actions = decide(
      payment,
      event(report({ gateway_reference: "gw_1", status: "failed", reason: "Card expired" })),
    )
    payment.apply(actions)
    expect(orderLedger(payment.entries)).toEqual({
      units: { li_a: 1 },
      return_units: { ret_0: { li_a: 1 } },
      shipping: {},
    })
    expect(payment.claims.map((c) => `${c.target_id}#${c.unit_number}`)).toEqual(["li_a#1"])
    expect(payment.entry(entryId)).toMatchObject({
      status: "failed",
      failure_reason: "Card expired",
      status_changed_at: NOW.toISOString(),
      gateway_reference: "gw_1",
      gateway: { reported_status: "failed" },
    })
    expect(payment.entry(kept).status).toBe("succeeded")
    expect(payment.medusaRefunds.map((r) => r.id)).not.toContain(payment.entry(entryId).refund_id)
  })

  it("matches an entry without a gateway reference by the idempotency key the gateway echoes", () => {
    const payment = new SimulatedPayment()
    const entryId = payment.refund(linesPlan(), { status: "pending", gateway_reference: null })
    const actions = decide(payment, event(report({ idempotency_key: "lr_key_1" })))
    expect(actions).toEqual([
      expect.objectContaining({ type: "settle", entry_id: entryId, gateway_reference: "gw_r1" }),
    ])
    payment.apply(actions)
    expect(payment.entry(entryId)).toMatchObject({
      status: "succeeded",
      gateway_reference: "gw_r1",
    })
  })

  it("never moves a status backwards: terminal states stay, a reversal only warns", () => {
    const { payment, entryId } = pendingRefund()
    expect(decide(payment, event(report({ status: "pending" })))).toEqual([])
    payment.apply(decide(payment, event(report({ status: "succeeded" }))))
    expect(payment.entry(entryId).status).toBe("succeeded")
    expect(decide(payment, event(report({ status: "pending" })))).toEqual([])
    expect(decide(payment, event(report({ status: "succeeded" })))).toEqual([])
    expect(decide(payment, event(report({ status: "failed" })))).toEqual([
      expect.objectContaining({
        type: "warn",
        entry_id: entryId,
        message: expect.stringMatching(/now reports refund gw_r1 as failed.*left as it is/),
      }),
    ])

    const failed = pendingRefund()
    failed.payment.apply(decide(failed.payment, event(report({ status: "failed" }))))
    expect(failed.payment.entry(failed.entryId).status).toBe("failed")
    expect(decide(failed.payment, event(report({ status: "failed" })))).toEqual([])
    expect(decide(failed.payment, event(report({ status: "pending" })))).toEqual([])
    expect(decide(failed.payment, event(report({ status: "succeeded" })))).toEqual([
      expect.objectContaining({ type: "warn", entry_id: failed.entryId }),
    ])
  })

  it("warns and does not settle when the gateway's amount or currency differs from the entry", () => {
    const { payment, entryId } = pendingRefund()
    const [amount] = decide(payment, event(report({ amount: "24.99" })))
    expect(amount).toMatchObject({ type: "warn", entry_id: entryId })
    expect((amount as { message: string }).message).toMatch(/24\.99 EUR .* not settled/)
    // less than a minor unit apart is the same amount (Medusa books exact amounts, gateways cents)
    expect(decide(payment, event(report({ amount: "25.004" })))[0]).toMatchObject({
      type: "settle",
    })
    // a report in another currency than the payment's is ignored
    const [currency] = decide(payment, event(report({ currency_code: "USD" })))
    expect(currency).toMatchObject({ type: "warn", entry_id: null })
    expect((currency as { message: string }).message).toMatch(/in USD, but the payment is in EUR/)
  })

  it("leaves alone a report that shares an entry's key but not its reference", () => {
    const { payment, entryId } = pendingRefund()
    expect(
      decide(
        payment,
        event(report({ gateway_reference: "gw_other", idempotency_key: "lr_key_1" })),
      ),
    ).toEqual([
      expect.objectContaining({
        type: "warn",
        entry_id: entryId,
        message: expect.stringMatching(/left alone/),
      }),
    ])
  })

  it("only looks at the entries of the reported payment", () => {
    const { payment } = pendingRefund()
    const elsewhere = payment.entries.map((e) => ({ ...e, payment_id: "pay_2" }))
    expect(decide(payment, event(report()), { entries: elsewhere })).toEqual([
      expect.objectContaining({ type: "record_gateway_refund" }),
    ])
  })
})

describe("decideRefundOutcomes: refunds in doubt (their answer was lost)", () => {
  it("books a refund in doubt that the gateway shows under its key", () => {
    const { payment, entryId } = inDoubtRefund()
    expect(payment.entry(entryId)).toMatchObject({ status: "in_doubt", refund_id: null })
    // the plan was retired when the refund failed in Medusa; the entry still names it
    expect(payment.plans.lrplan_1.status).toBe("abandoned")
    const made = report({
      gateway_reference: "gw_lost",
      status: "pending",
      idempotency_key: "lr_key_1",
    })
    expect(decide(payment, event(made))).toEqual([
      { type: "record_in_doubt", entry_id: entryId, report: made },
    ])
  })

  it("releases a refund in doubt that the gateway failed, with the gateway's reason", () => {
    const { payment, entryId } = inDoubtRefund()
    const failed = report({
      gateway_reference: "gw_lost",
      status: "failed",
      idempotency_key: "lr_key_1",
      reason: "Refund window closed",
    })
    const actions = decide(payment, event(failed))
    expect(actions).toEqual([
      {
        type: "release_in_doubt",
        entry_id: entryId,
        reason: "acme failed refund gw_lost: Refund window closed",
        gateway_reference: "gw_lost",
      },
    ])
    payment.apply(actions)
    expect(payment.entry(entryId).status).toBe("released")
    expect(payment.claims).toEqual([])
    expect(decide(payment, event(failed))).toEqual([])
    // a late, out-of-order report of the same refund is known by its reference: nothing is booked
    expect(decide(payment, event({ ...failed, status: "pending" }))).toEqual([])
  })

  it("books a refund in doubt with the gateway's own figure when its rounding differs by a unit, and leaves a different amount in doubt", () => {
    const { payment, entryId } = inDoubtRefund()
    const rounded = report({
      gateway_reference: "gw_lost",
      status: "pending",
      idempotency_key: "lr_key_1",
      amount: "24.99",
    })
    expect(decide(payment, event(rounded))).toEqual([
      { type: "record_in_doubt", entry_id: entryId, report: rounded },
    ])
    const other = { ...rounded, amount: "5.00" }
    expect(decide(payment, event(other))).toEqual([
      expect.objectContaining({ type: "warn", entry_id: entryId }),
    ])
    expect(payment.entry(entryId).status).toBe("in_doubt")
  })

  it("books a refund released as never made that the gateway shows after all, by amount, and warns", () => {
    const { payment, entryId } = inDoubtRefund(900)
    payment.apply(decide(payment, { ...event(), absent_after_seconds: 600 }))
    expect(payment.entry(entryId).status).toBe("released")
    const late = report({
      gateway_reference: "gw_late",
      status: "succeeded",
      idempotency_key: "lr_key_1",
    })
    expect(decide(payment, event(late))).toEqual([
      expect.objectContaining({
        type: "warn",
        entry_id: entryId,
        message: expect.stringMatching(/released as never made; it is booked by amount only/),
      }),
      { type: "record_gateway_refund", report: late },
    ])
  })

  it("releases a refund in doubt the gateway does not show, only once the gateway is sure to show it", () => {
    const { payment, entryId } = inDoubtRefund(900)
    // no window given: a snapshot without the refund proves nothing
    expect(decide(payment, event())).toEqual([])
    // sent 900 s ago, the gateway shows refunds within 600 s: never made
    const actions = decide(payment, { ...event(), absent_after_seconds: 600 })
    expect(actions).toEqual([
      {
        type: "release_in_doubt",
        entry_id: entryId,
        reason:
          "acme shows no refund under key lr_key_1 900 s after it was sent: it was never made",
        gateway_reference: null,
      },
    ])
    // too young: it may still show up
    expect(decide(payment, { ...event(), absent_after_seconds: 1200 })).toEqual([])
    // a snapshot that shows it does not release it
    const shown = report({
      gateway_reference: "gw_lost",
      status: "pending",
      idempotency_key: "lr_key_1",
    })
    expect(decide(payment, { ...event(shown), absent_after_seconds: 600 })).toEqual([
      expect.objectContaining({ type: "record_in_doubt", entry_id: entryId }),
    ])
    payment.apply(actions)
    expect(payment.entry(entryId).status).toBe("released")
    expect(decide(payment, { ...event(), absent_after_seconds: 600 })).toEqual([])
  })

  it("warns about a second refund the gateway reports under the same key, and books only the first", () => {
    const { payment, entryId } = inDoubtRefund()
    const first = report({
      gateway_reference: "gw_a",
      status: "pending",
      idempotency_key: "lr_key_1",
    })
    const second = report({
      gateway_reference: "gw_b",
      status: "pending",
      idempotency_key: "lr_key_1",
    })
    expect(decide(payment, event(first, second))).toEqual([
      { type: "record_in_doubt", entry_id: entryId, report: first },
      expect.objectContaining({
        type: "warn",
        entry_id: entryId,
        gateway_reference: "gw_b",
        message: expect.stringMatching(/second refund \(gw_b\)/),
      }),
    ])
  })
})

describe("decideRefundOutcomes: refunds the ledger has no entry of", () => {
  it("records a dashboard refund, pending or succeeded, and ignores a failed one", () => {
    const payment = new SimulatedPayment()
    const dashboard = report({ gateway_reference: "dash_1", amount: "5.00" })
    expect(decide(payment, event(dashboard))).toEqual([
      { type: "record_gateway_refund", report: dashboard },
    ])
    const pending = report({ gateway_reference: "dash_2", status: "pending" })
    expect(decide(payment, event(pending))).toEqual([
      { type: "record_gateway_refund", report: pending },
    ])
    expect(
      decide(payment, event(report({ gateway_reference: "dash_3", status: "failed" }))),
    ).toEqual([])
  })

  it("records each gateway refund once: not twice in one snapshot, not again once recorded", () => {
    const payment = new SimulatedPayment()
    const dashboard = report({ gateway_reference: "dash_1", amount: "5.00" })
    const actions = decide(payment, event(dashboard, { ...dashboard }))
    expect(actions).toHaveLength(1)
    payment.apply(actions)
    expect(payment.entries).toEqual([
      expect.objectContaining({
        source: "gateway_report",
        kind: "amount",
        status: "succeeded",
        gateway_reference: "dash_1",
        amount: "5",
        note: "Refunded in acme's dashboard (reference dash_1)",
      }),
    ])
    expect(payment.entries[0].refund_id).toMatch(/^ref_/)
    expect(decide(payment, event(dashboard))).toEqual([])
  })

  it("does not retry a gateway refund Medusa refused to record, but says so", () => {
    const payment = new SimulatedPayment()
    // Medusa refused it before: compensation retired the plan written for it
    const id = gatewayRefundPlanId(PAYMENT_ID, "dash_1")
    payment.merge(
      lineRefundsPatch({
        plans: {
          [id]: amountPlan("5.00", {
            id,
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

  it("defers recording while a Medusa refund without an entry may still be in flight", () => {
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
    // a young Medusa refund the ledger has booked is not in flight
    const { payment: withEntry } = pendingRefund()
    expect(
      decide(withEntry, event(dashboard), { medusa_refunds: withEntry.medusaRefunds }),
    ).toEqual([expect.objectContaining({ type: "record_gateway_refund" })])
  })
})
