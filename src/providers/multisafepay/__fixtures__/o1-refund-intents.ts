import { takeRefundPlan, RefundIntent } from "../../../core/provider-refunds"
import { openPlanPatch, readLineRefundsState, StoredRefundPlan } from "../../../core/payment-data"
import { buildRefundPlan, emptyLedger, OrderSnapshot } from "../../../core/refund-plan"

export const NOW = new Date("2026-11-22T10:00:00Z")

/** Order O1 as Medusa holds it after checkout: gross prices, tax-inclusive. */
export const O1_MEDUSA_ORDER: OrderSnapshot = {
  id: "order_o1",
  currency_code: "eur",
  items: [
    {
      id: "ordli_shirt",
      title: "T-shirt M",
      variant_id: "variant_shirt_m",
      variant_sku: "L1",
      quantity: 2,
      unit_price: "30",
      is_tax_inclusive: true,
      tax_lines: [{ rate: 21 }],
    },
    {
      id: "ordli_mug",
      title: "Mug",
      variant_id: "variant_mug",
      variant_sku: "L2",
      quantity: 3,
      unit_price: "10",
      is_tax_inclusive: true,
      tax_lines: [{ rate: 9 }],
    },
  ],
  shipping_methods: [
    {
      id: "ordsm_std",
      name: "Standard",
      amount: "5",
      is_tax_inclusive: true,
      tax_lines: [{ rate: 21 }],
    },
  ],
}

/**
 * The RefundIntent the provider receives when staff refund `returned` units of O1 (with the
 * shipping if asked): built by the real plan code, stored and taken as in production.
 */
export function o1Intent(
  returned: Record<string, number>,
  options: { shipping?: boolean; ledgerUnits?: Record<string, number>; refundId?: string } = {},
): RefundIntent {
  const ledger = { ...emptyLedger(), units: options.ledgerUnits ?? {} }
  const draft = buildRefundPlan({
    order: O1_MEDUSA_ORDER,
    returns: [
      {
        id: "ret_1",
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
    ledger_basis: {
      units: Object.fromEntries(
        Object.keys(returned).map((id) => [id, options.ledgerUnits?.[id] ?? 0]),
      ),
      shipping: {},
    },
  }
  const state = readLineRefundsState({})
  state.ledger.units = options.ledgerUnits ?? {}
  const data = openPlanPatch(state, plan)
  ;(data.line_refunds as Record<string, unknown>).ledger = state.ledger
  return takeRefundPlan(
    { amount: draft.amount_exact, data, context: { idempotency_key: options.refundId ?? "ref_1" } },
    { scope: "payses_o1", now: NOW },
  )
}

/** An amount-only refund (no plan): the stock Refund button with an arbitrary amount. */
export function amountIntent(amount: string): RefundIntent {
  return takeRefundPlan(
    { amount, data: {}, context: { idempotency_key: "ref_amount" } },
    { scope: "payses_o1", now: NOW },
  )
}
