import { recordRefund, takeRefundPlan } from "../../provider-refunds"
import {
  lineRefundsPatch,
  LineRefundsState,
  openPlanPatch,
  readLineRefundsState,
  RefundStatus,
  StoredRefundPlan,
} from "../../payment-data"
import { buildRefundPlan, emptyLedger, RefundLedger } from "../../refund-plan"
import { failedRefundPatch, gatewayRefundPlan, RefundOutcomeAction, succeededRefundPatch } from ".."

/**
 * A payment's `data` driven through the real pure pieces of the contract (plan → takeRefundPlan →
 * recordRefund, and the outcome patches), merged the way Medusa merges: objects deep, arrays and
 * scalars replaced. Test fixture only.
 */
export const NOW = new Date("2026-11-22T12:00:00Z")

export function deepMerge(target: any, patch: any): any {
  const out = { ...(target ?? {}) }
  for (const [k, v] of Object.entries(patch ?? {})) {
    out[k] = v && typeof v === "object" && !Array.isArray(v) ? deepMerge(target?.[k], v) : v
  }
  return out
}

/** An order with one line (4 × 10.00, no tax) and shipping 5.00; return ret_1 received 2. */
export function linesPlan(
  overrides: Partial<StoredRefundPlan> = {},
  ledger: RefundLedger = emptyLedger(),
): StoredRefundPlan {
  const draft = buildRefundPlan({
    order: {
      id: "order_1",
      currency_code: "eur",
      items: [{ id: "li_a", title: "Cap", quantity: 4, unit_price: "10", tax_lines: [] }],
      shipping_methods: [{ id: "sm_1", name: "Post", amount: "5", tax_lines: [] }],
    },
    returns: [{ id: "ret_1", items: [{ item_id: "li_a", received_quantity: 2 }] }],
    ledger,
    shipping: true,
  })
  return {
    ...draft,
    id: "lrplan_1",
    status: "open",
    source: "return_refund",
    payment_id: "pay_1",
    created_at: new Date(NOW.getTime() - 1000).toISOString(),
    idempotency_key: "lr_key_1",
    pending_difference_before: "-25",
    ledger_basis: { units: { li_a: ledger.units.li_a ?? 0 }, shipping: { sm_1: "0" } },
    ...overrides,
  }
}

export function amountPlan(amount: string, overrides: Partial<StoredRefundPlan> = {}) {
  return linesPlan({
    lines: {},
    shipping: {},
    return_ids: {},
    amount,
    amount_exact: amount,
    ledger_basis: { units: {}, shipping: {} },
    ...overrides,
  })
}

export class SimulatedPayment {
  data: Record<string, unknown> = { session_id: "payses_1" }
  private nextRefund = 0

  get state(): LineRefundsState {
    return readLineRefundsState(this.data)
  }

  merge(patch: Record<string, unknown>) {
    this.data = deepMerge(this.data, patch)
  }

  /** refundWithPlanWorkflow + the provider: writes the plan, refunds, records the outcome */
  refund(
    plan: StoredRefundPlan,
    outcome: { status: RefundStatus; gateway_reference: string | null; gateway_amount?: string },
    amount: string = plan.amount_exact,
  ): string {
    this.merge(openPlanPatch(this.state, plan))
    return this.providerRefund(amount, outcome)
  }

  /** Medusa calling the provider's refundPayment with this amount */
  providerRefund(
    amount: string,
    outcome: { status: RefundStatus; gateway_reference: string | null; gateway_amount?: string },
  ): string {
    const refundId = `ref_${++this.nextRefund}`
    const intent = takeRefundPlan(
      { amount, data: this.data, context: { idempotency_key: refundId } },
      { scope: "gw_order_1", now: NOW },
    )
    const atGateway = intent.plan?.refunded_at_gateway
    this.merge(
      recordRefund(
        intent,
        atGateway
          ? { status: atGateway.status, gateway_reference: atGateway.reference, gateway: {} }
          : { ...outcome, gateway: {} },
        NOW,
      ),
    )
    return refundId
  }

  /** A plan whose refund failed in Medusa: the workflow's compensation retires it. */
  abandon(planId: string) {
    this.merge(lineRefundsPatch({ plans: { [planId]: { status: "abandoned" } } }))
  }

  /** What applyRefundOutcomesWorkflow does with each action, minus Medusa's own bookkeeping. */
  apply(actions: RefundOutcomeAction[], provider = "acme") {
    for (const action of actions) {
      if (action.type === "settle") {
        this.merge(
          action.status === "succeeded"
            ? succeededRefundPatch(action, NOW)
            : failedRefundPatch(this.state, action, NOW),
        )
      } else if (action.type === "record_gateway_refund") {
        const recording = gatewayRefundPlan({
          state: this.state,
          report: action.report,
          matched_plan_id: action.plan_id,
          provider,
          payment: { id: "pay_1", currency_code: "eur" },
          order: { id: "order_1", pending_difference: "0" },
          now: NOW,
        })
        this.merge(openPlanPatch(this.state, recording.plan))
        this.providerRefund(recording.amount, { status: "succeeded", gateway_reference: null })
      }
    }
  }
}
