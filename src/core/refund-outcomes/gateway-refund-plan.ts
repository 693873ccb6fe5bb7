import { decimalString, sameAmountInCurrency } from "../money"
import { LedgerRefund } from "../ledger"
import { logicalRefundKey, StoredRefundPlan } from "../payment-data"
import { RefundPlanDraft } from "../refund-plan"
import { GatewayRefundReport } from "./types"

export interface GatewayRefundPlanInput {
  report: GatewayRefundReport
  /**
   * The refund in doubt this report shows was made (its answer was lost), with the plan that
   * carried it: its lines are recorded. Null for a refund made in the gateway's dashboard.
   */
  in_doubt: { entry: LedgerRefund; plan: StoredRefundPlan | null } | null
  /** the reporting provider's identifier, for the refund note */
  provider: string
  payment: { id: string; currency_code: string }
  order: { id: string; pending_difference: string | null }
  now: Date
}

export interface GatewayRefundRecording {
  /** the plan to write; the provider records it without calling the gateway */
  plan: StoredRefundPlan
  /** what Medusa books */
  amount: string
  /** Medusa's refund note, so staff see where the refund came from */
  note: string
}

/**
 * One plan per gateway refund, whatever the number of attempts to record it: a replay rewrites
 * the same plan instead of piling up new ones.
 */
export function gatewayRefundPlanId(paymentId: string, gatewayReference: string): string {
  return `lrplan_gw_${logicalRefundKey({ payment_id: paymentId, gateway_reference: gatewayReference }).slice(3, 29)}`
}

/**
 * The plan that books in Medusa a refund the gateway already made. A refund of ours whose answer
 * was lost is booked as its ledger entry says (its amount, its lines: its units are still held
 * for it); a refund made in the gateway's dashboard by amount only, never with guessed lines.
 */
export function gatewayRefundPlan(input: GatewayRefundPlanInput): GatewayRefundRecording {
  const { report, payment } = input
  const currency = payment.currency_code.toLowerCase()
  const from = input.in_doubt?.plan ?? null
  const draft: RefundPlanDraft = from
    ? {
        order_id: input.order.id,
        currency_code: currency,
        amount: from.amount,
        amount_exact: from.amount_exact,
        return_ids: from.return_ids,
        labels: from.labels,
        lines: from.lines,
        shipping: from.shipping,
      }
    : {
        order_id: input.order.id,
        currency_code: currency,
        amount: decimalString(input.in_doubt?.entry.amount ?? report.amount),
        amount_exact: decimalString(input.in_doubt?.entry.amount ?? report.amount),
        return_ids: {},
        lines: {},
        shipping: {},
      }

  const plan: StoredRefundPlan = {
    ...draft,
    id: gatewayRefundPlanId(payment.id, report.gateway_reference),
    status: "open",
    // PlanSource has no value for "made at the gateway"; refunded_at_gateway says it.
    source: from?.source ?? "admin_refund",
    payment_id: payment.id,
    created_at: input.now.toISOString(),
    idempotency_key:
      input.in_doubt?.entry.idempotency_key ??
      report.idempotency_key ??
      logicalRefundKey({ payment_id: payment.id, gateway_reference: report.gateway_reference }),
    pending_difference_before: input.order.pending_difference,
    refunded_at_gateway: {
      reference: report.gateway_reference,
      status: report.status === "succeeded" ? "succeeded" : "pending",
      // reports are compared with the gateway's own figure later (its rounding may differ)
      amount: sameAmountInCurrency(draft.amount, report.amount, currency)
        ? null
        : decimalString(report.amount),
    },
  }

  const note = input.in_doubt
    ? `Refund made at ${input.provider} whose answer was lost (reference ${report.gateway_reference})`
    : `Refunded in ${input.provider}'s dashboard (reference ${report.gateway_reference})`
  return { plan, amount: input.in_doubt?.entry.amount ?? plan.amount, note }
}
