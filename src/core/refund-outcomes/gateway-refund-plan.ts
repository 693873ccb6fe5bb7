import { decimalString, toDecimal, withinMinorUnits } from "../money"
import { LineRefundsState, logicalRefundKey, StoredRefundPlan } from "../payment-data"
import { isEmptyPlan, RefundPlanDraft } from "../refund-plan"
import { GatewayRefundReport } from "./types"

export interface GatewayRefundPlanInput {
  /** the payment's plugin state as it is now (under the payment's refund lock) */
  state: LineRefundsState
  report: GatewayRefundReport
  /** our plan whose idempotency key the gateway echoed (a refund whose response was lost) */
  matched_plan_id: string | null
  /** the reporting provider's identifier, for the refund note */
  provider: string
  payment: { id: string; currency_code: string }
  order: { id: string; pending_difference: string | null }
  now: Date
}

export interface GatewayRefundRecording {
  /** the plan to write; the provider records it without calling the gateway */
  plan: StoredRefundPlan
  /** what Medusa books (the exact owed amount when the plan's lines are recorded) */
  amount: string
  /** Medusa's refund note, so staff see where the refund came from */
  note: string
  warnings: string[]
}

/**
 * One plan per gateway refund, whatever the number of attempts to record it: a replay rewrites
 * the same plan instead of piling up new ones.
 */
export function gatewayRefundPlanId(paymentId: string, gatewayReference: string): string {
  return `lrplan_gw_${logicalRefundKey({ payment_id: paymentId, gateway_reference: gatewayReference }).slice(3, 29)}`
}

/**
 * The plan that records in Medusa a refund the gateway already made. When the refund is one of
 * ours whose response was lost, its plan's lines are recorded (so they enter the ledger), provided
 * the amount is the plan's and no refund took those units since; otherwise the refund is recorded
 * by amount only, never with guessed lines.
 */
export function gatewayRefundPlan(input: GatewayRefundPlanInput): GatewayRefundRecording {
  const { state, report, payment } = input
  const currency = payment.currency_code.toLowerCase()
  const warnings: string[] = []
  const matched = input.matched_plan_id ? (state.plans[input.matched_plan_id] ?? null) : null

  let linesFrom: StoredRefundPlan | null = null
  if (matched && !isEmptyPlan(matched)) {
    // The key proves the refund is this plan's; the gateway's rounding may differ by a unit.
    if (!withinMinorUnits(matched.amount, report.amount, currency, 1)) {
      warnings.push(
        `refund ${report.gateway_reference} is ${report.amount} ${currency.toUpperCase()}, not the ${matched.amount} of plan ${matched.id}; recorded by amount only`,
      )
    } else if (!ledgerUnchangedFor(matched, state)) {
      warnings.push(
        `the units of plan ${matched.id} were refunded by another refund since; refund ${report.gateway_reference} is recorded by amount only`,
      )
    } else {
      linesFrom = matched
    }
  }

  const draft: RefundPlanDraft = linesFrom
    ? {
        order_id: input.order.id,
        currency_code: currency,
        amount: linesFrom.amount,
        amount_exact: linesFrom.amount_exact,
        return_ids: linesFrom.return_ids,
        lines: linesFrom.lines,
        shipping: linesFrom.shipping,
      }
    : {
        order_id: input.order.id,
        currency_code: currency,
        amount: decimalString(report.amount),
        amount_exact: decimalString(report.amount),
        return_ids: {},
        lines: {},
        shipping: {},
      }

  const plan: StoredRefundPlan = {
    ...draft,
    id: gatewayRefundPlanId(payment.id, report.gateway_reference),
    status: "open",
    // PlanSource has no value for "made at the gateway"; refunded_at_gateway says it.
    source: matched?.source ?? "admin_refund",
    payment_id: payment.id,
    created_at: input.now.toISOString(),
    idempotency_key:
      report.idempotency_key ??
      matched?.idempotency_key ??
      logicalRefundKey({ payment_id: payment.id, gateway_reference: report.gateway_reference }),
    pending_difference_before: input.order.pending_difference,
    ledger_basis: {
      units: Object.fromEntries(
        Object.keys(draft.lines).map((id) => [id, state.ledger.units[id] ?? 0]),
      ),
      shipping: Object.fromEntries(
        Object.keys(draft.shipping).map((id) => [id, state.ledger.shipping[id] ?? "0"]),
      ),
    },
    refunded_at_gateway: {
      reference: report.gateway_reference,
      status: report.status === "succeeded" ? "succeeded" : "pending",
    },
  }

  const note = matched
    ? `Refund made at ${input.provider} whose answer was lost (reference ${report.gateway_reference})`
    : `Refunded in ${input.provider}'s dashboard (reference ${report.gateway_reference})`
  return { plan, amount: linesFrom ? linesFrom.amount_exact : plan.amount, note, warnings }
}

/** True when the ledger still holds, for the plan's lines and shipping, what it held when planned. */
function ledgerUnchangedFor(plan: StoredRefundPlan, state: LineRefundsState): boolean {
  const basis = plan.ledger_basis ?? { units: {}, shipping: {} }
  const linesSame = Object.keys(plan.lines).every(
    (id) => (state.ledger.units[id] ?? 0) === (basis.units[id] ?? 0),
  )
  const shippingSame = Object.keys(plan.shipping).every((id) =>
    toDecimal(state.ledger.shipping[id] ?? 0).eq(toDecimal(basis.shipping[id] ?? 0)),
  )
  return linesSame && shippingSame
}
