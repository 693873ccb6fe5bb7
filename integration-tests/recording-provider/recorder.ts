import { RefundIntent } from "../../src/core/provider-refunds"
import { RefundStatus } from "../../src/core/payment-data"
import { GatewayRefundReport } from "../../src/core/refund-outcomes"
import { roundToCurrency } from "../../src/core/money"

/** A refund the recording gateway holds: asked for through the API, or made in its "dashboard". */
export interface RecordedRefund {
  /** Medusa's refund id the API call was made for; null for a dashboard refund */
  refund_id: string | null
  amount: string
  currency_code: string
  idempotency_key: string | null
  plan_id: string | null
  lines: Record<string, number>
  shipping: string[]
  /** the payment session the refund belongs to (the gateway's payment) */
  session_id: string
  /** the gateway's id for the refund: the idempotency key for API refunds, dash_<n> otherwise */
  reference: string
  status: RefundStatus
  reason: string | null
}

interface RecorderState {
  /** what the gateway was asked to refund through its API */
  refunds: RecordedRefund[]
  /** refunds staff made in the gateway's own dashboard */
  dashboardRefunds: RecordedRefund[]
  /** idempotency keys the gateway already refunded: a repeat is answered, not refunded again */
  seenKeys: Map<string, RecordedRefund>
  /** scripted failures for the next refund calls */
  failNext: Array<string>
  /** new refunds are answered "pending" and settled later, as asynchronous gateways do */
  answerPending: boolean
  /** the next refund is made, but its answer never reaches the caller */
  loseNextResponse: boolean
  /** the next refund request is lost on the way: nothing is made, and the caller hears nothing */
  loseNextRequest: boolean
}

function freshState(): RecorderState {
  return {
    refunds: [],
    dashboardRefunds: [],
    seenKeys: new Map(),
    failNext: [],
    answerPending: false,
    loseNextResponse: false,
    loseNextRequest: false,
  }
}

// One store per process, found through a global symbol: Jest may load this file once for the
// test and once for the app it boots, and both must see the same gateway.
const KEY = Symbol.for("line-refunds.integration.recording-gateway")
const g = globalThis as unknown as Record<symbol, RecorderState>
g[KEY] ??= freshState()

function find(reference: string): RecordedRefund {
  const refund = [...g[KEY].refunds, ...g[KEY].dashboardRefunds].find(
    (r) => r.reference === reference,
  )
  if (!refund) throw new Error(`The recording gateway has no refund ${reference}`)
  return refund
}

export const recordingGateway = {
  get refunds(): RecordedRefund[] {
    return g[KEY].refunds
  },
  get dashboardRefunds(): RecordedRefund[] {
    return g[KEY].dashboardRefunds
  },
  /** the next refund call fails with this message before anything is refunded */
  failNextRefund(message: string) {
    g[KEY].failNext.push(message)
  },
  /** new refunds start "pending" (true) or are answered "succeeded" at once (false, default) */
  answerRefundsPending(pending = true) {
    g[KEY].answerPending = pending
  },
  /** the next refund is carried out, then the call fails as if the connection dropped */
  loseNextRefundResponse() {
    g[KEY].loseNextResponse = true
  },
  /** the next refund request never arrives: nothing is refunded, the call fails as a timeout */
  loseNextRefundRequest() {
    g[KEY].loseNextRequest = true
  },
  /** the gateway settles a refund (or, for out-of-order tests, reports it as anything) */
  setRefundStatus(reference: string, status: RefundStatus, reason: string | null = null) {
    const refund = find(reference)
    refund.status = status
    refund.reason = reason
  },
  /** staff refund in the gateway's own dashboard: Medusa hears of it only through reports */
  makeDashboardRefund(input: {
    session_id: string
    amount: string
    currency_code: string
    status?: RefundStatus
  }): RecordedRefund {
    const refund: RecordedRefund = {
      refund_id: null,
      amount: input.amount,
      currency_code: input.currency_code,
      idempotency_key: null,
      plan_id: null,
      lines: {},
      shipping: [],
      session_id: input.session_id,
      reference: `dash_${g[KEY].dashboardRefunds.length + 1}_${input.session_id.slice(-6)}`,
      status: input.status ?? "succeeded",
      reason: null,
    }
    g[KEY].dashboardRefunds.push(refund)
    return refund
  },
  /** the refund the gateway made under an idempotency key, if any */
  findByKey(key: string): RecordedRefund | null {
    return g[KEY].seenKeys.get(key) ?? null
  },
  /** every refund the gateway holds for a payment session, as its API would list them */
  report(sessionId: string): GatewayRefundReport[] {
    return [...g[KEY].refunds, ...g[KEY].dashboardRefunds]
      .filter((r) => r.session_id === sessionId)
      .map((r) => ({
        gateway_reference: r.reference,
        status: r.status,
        // a gateway settles in minor units
        amount: roundToCurrency(r.amount, r.currency_code),
        currency_code: r.currency_code.toUpperCase(),
        idempotency_key: r.idempotency_key,
        gateway_status: r.status === "failed" ? "declined" : r.status,
        reason: r.reason,
      }))
  },
  reset() {
    g[KEY] = freshState()
  },
  /**
   * A refund as a provider outside the plugin asks for it (Stripe's does the same): an amount,
   * under Medusa's refund id as idempotency key, no lines.
   */
  refundAmount(input: {
    refund_id: string
    amount: string
    currency_code: string
    session_id: string
  }) {
    const state = g[KEY]
    const failure = state.failNext.shift()
    if (failure) throw new Error(failure)
    const refund: RecordedRefund = {
      refund_id: input.refund_id,
      amount: input.amount,
      currency_code: input.currency_code,
      idempotency_key: input.refund_id,
      plan_id: null,
      lines: {},
      shipping: [],
      session_id: input.session_id,
      reference: input.refund_id,
      status: "succeeded",
      reason: null,
    }
    state.refunds.push(refund)
    return refund
  },
  refund(
    intent: RefundIntent,
    payment: { session_id: string; currency_code: string },
  ): { refund: RecordedRefund; duplicate: boolean } {
    const state = g[KEY]
    const failure = state.failNext.shift()
    if (failure) throw new Error(failure)
    const seen = state.seenKeys.get(intent.idempotency_key)
    if (seen) return { refund: seen, duplicate: true }
    if (state.loseNextRequest) {
      state.loseNextRequest = false
      throw Object.assign(new Error("no answer within the timeout"), { answerLost: true })
    }
    const refund: RecordedRefund = {
      refund_id: intent.refund_id,
      amount: intent.amount,
      currency_code: payment.currency_code,
      idempotency_key: intent.idempotency_key,
      plan_id: intent.plan?.id ?? null,
      lines: Object.fromEntries(
        Object.values(intent.plan?.lines ?? {}).map((l) => [l.line_item_id, l.quantity]),
      ),
      shipping: Object.keys(intent.plan?.shipping ?? {}),
      session_id: payment.session_id,
      reference: intent.idempotency_key,
      status: state.answerPending ? "pending" : "succeeded",
      reason: null,
    }
    state.seenKeys.set(intent.idempotency_key, refund)
    state.refunds.push(refund)
    if (state.loseNextResponse) {
      state.loseNextResponse = false
      throw Object.assign(new Error("connection reset after the refund was sent"), {
        answerLost: true,
      })
    }
    return { refund, duplicate: false }
  },
}
