import { GatewayRefundState, lineRefundsPatch, RefundStatus } from "../payment-data"
import { RefundIntent } from "./take-refund-plan"

export interface GatewayRefundOutcome {
  status: RefundStatus
  /** the gateway's id for the refund; webhooks and reconciliation report refunds by it */
  gateway_reference: string | null
  /** what the gateway refunds, major units, when its rounding differs from Medusa's amount */
  gateway_amount?: string | null
  /** gateway ids, references, raw status: whatever identifies the refund at the gateway */
  gateway: Record<string, unknown>
  currency_code?: string | null
}

/**
 * The `data` a provider returns from `refundPayment` once the gateway accepted the refund: the
 * plan is marked consumed (no later refund can take it) and what the gateway said is kept under
 * Medusa's refund id, where the workflow reads it into the ledger.
 */
export function recordRefund(
  intent: RefundIntent,
  outcome: GatewayRefundOutcome,
  now: Date = new Date(),
): Record<string, unknown> {
  const { plan } = intent
  const state: GatewayRefundState = {
    refund_id: intent.refund_id,
    plan_id: plan?.id ?? null,
    idempotency_key: intent.idempotency_key,
    status: outcome.status,
    created_at: now.toISOString(),
    gateway_reference: outcome.gateway_reference,
    gateway_amount: outcome.gateway_amount ?? null,
    currency_code: outcome.currency_code ?? plan?.currency_code ?? null,
    gateway: outcome.gateway,
    origin: intent.plan?.refunded_at_gateway ? "recorded" : "gateway",
  }
  return lineRefundsPatch({
    refunds: { [intent.refund_id]: state },
    ...(plan
      ? {
          plans: {
            [plan.id]: {
              status: "consumed",
              consumed_by_refund_id: intent.refund_id,
              consumed_at: now.toISOString(),
            },
          },
        }
      : {}),
  })
}
