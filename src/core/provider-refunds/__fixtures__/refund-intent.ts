import { openPlanPatch, readLineRefundsState, StoredRefundPlan } from "../../payment-data"
import { buildRefundPlan, emptyLedger, OrderSnapshot } from "../../refund-plan"
import { RefundIntent, takeRefundPlan } from "../take-refund-plan"

export const NOW = new Date("2026-11-22T10:00:00Z")

export interface IntentOptions {
  shipping?: boolean
  /** units of each line refunded before this refund */
  ledgerUnits?: Record<string, number>
  refundId?: string
  /** the return's display id (Medusa shows "#12") */
  returnDisplayId?: number
  /** the payment's gateway reference (scopes amount-only keys) */
  scope?: string
}

/**
 * The RefundIntent a provider receives when staff refund `returned` units of `order` (with the
 * shipping if asked): built by the real plan code, stored in payment data and taken the way
 * refundPayment takes it in production.
 */
export function refundIntentFor(
  order: OrderSnapshot,
  returned: Record<string, number>,
  options: IntentOptions = {},
): RefundIntent {
  const ledger = { ...emptyLedger(), units: options.ledgerUnits ?? {} }
  const draft = buildRefundPlan({
    order,
    returns: [
      {
        id: "ret_1",
        display_id: options.returnDisplayId ?? null,
        items: Object.entries(returned).map(([item_id, quantity]) => ({
          item_id,
          received_quantity: quantity + (options.ledgerUnits?.[item_id] ?? 0),
        })),
      },
    ],
    ledger,
    shipping: !!options.shipping,
  })
  const plan: StoredRefundPlan = {
    ...draft,
    id: "lrp_1",
    status: "open",
    source: "return_refund",
    payment_id: "pay_1",
    created_at: new Date(NOW.getTime() - 1000).toISOString(),
    idempotency_key: "lr_0123456789abcdef0123456789abcdef01234",
    pending_difference_before: null,
  }
  const data = openPlanPatch(readLineRefundsState({}), plan)
  return takeRefundPlan(
    { amount: draft.amount_exact, data, context: { idempotency_key: options.refundId ?? "ref_1" } },
    { scope: options.scope ?? "payses_o1", now: NOW },
  )
}

/** An amount-only refund (no plan): the stock Refund button with an arbitrary amount. */
export function amountOnlyIntent(amount: string, scope = "payses_o1"): RefundIntent {
  return takeRefundPlan(
    { amount, data: {}, context: { idempotency_key: "ref_amount" } },
    { scope, now: NOW },
  )
}
