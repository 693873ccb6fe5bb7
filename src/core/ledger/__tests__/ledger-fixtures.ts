import { LedgerRefund, ledgerEntryFromPlan, LedgerSource, NewLedgerRefund } from ".."
import { StoredRefundPlan } from "../../payment-data"
import {
  buildRefundPlan,
  BuildRefundPlanInput,
  emptyLedger,
  OrderSnapshot,
  ReceivedReturnSnapshot,
  RefundPlanDraft,
} from "../../refund-plan"

/**
 * Ledger entries as the `lineRefunds` module hands them back, built from plans by the real
 * `ledgerEntryFromPlan`. Test fixture only, shared by the core's tests.
 */
export const LEDGER_NOW = new Date("2026-11-22T12:00:00Z")

/** A plan draft stored the way planForRequest stores it. */
export function storedPlan(
  draft: RefundPlanDraft,
  overrides: Partial<StoredRefundPlan> = {},
): StoredRefundPlan {
  return {
    ...draft,
    id: "lrplan_1",
    status: "open",
    source: "return_refund",
    payment_id: "pay_1",
    created_at: new Date(LEDGER_NOW.getTime() - 1000).toISOString(),
    idempotency_key: "lr_key_1",
    pending_difference_before: null,
    ...overrides,
  }
}

/** A new entry once written: what the module returns (id and timestamps added). */
export function writtenEntry(
  entry: NewLedgerRefund,
  overrides: Partial<LedgerRefund> = {},
): LedgerRefund {
  return {
    ...entry,
    id: "lref_1",
    created_at: new Date(LEDGER_NOW.getTime() - 1000).toISOString(),
    status_changed_at: null,
    failure_reason: entry.failure_reason ?? null,
    doubt_reason: entry.doubt_reason ?? null,
    ...overrides,
  }
}

/**
 * The ledger entry of a plan: by default booked (succeeded, with Medusa's refund), for the
 * plan's exact amount (what Medusa books for a return refund).
 */
export function entryOf(
  plan: StoredRefundPlan,
  overrides: Partial<LedgerRefund> = {},
  options: { amount?: string; source?: LedgerSource } = {},
): LedgerRefund {
  const entry = ledgerEntryFromPlan({
    plan,
    amount: options.amount ?? plan.amount_exact,
    provider_id: "pp_acme_acme",
    source: options.source ?? plan.source,
  })
  return writtenEntry(entry, { status: "succeeded", refund_id: "ref_1", ...overrides })
}

/** An entry in doubt: written before the gateway was called, and its answer was lost. */
export function inDoubtEntryOf(
  plan: StoredRefundPlan,
  overrides: Partial<LedgerRefund> = {},
): LedgerRefund {
  return entryOf(plan, {
    status: "in_doubt",
    refund_id: null,
    doubt_reason: "acme did not answer within 30 s",
    ...overrides,
  })
}

/**
 * An order of two lines and two shipping methods: Cap 4 × 10.00 (no tax), Mug 3 × 10.00 with
 * 10.00 off the line (6.666… per unit), Post 5.00 and Express 7.50.
 */
export const ORDER: OrderSnapshot = {
  id: "order_1",
  display_id: 1001,
  currency_code: "eur",
  items: [
    { id: "li_a", title: "Cap", quantity: 4, unit_price: "10", tax_lines: [] },
    {
      id: "li_b",
      title: "Mug",
      quantity: 3,
      unit_price: "10",
      tax_lines: [],
      adjustments: [{ amount: "10" }],
    },
  ],
  shipping_methods: [
    { id: "sm_1", name: "Post", amount: "5", tax_lines: [] },
    { id: "sm_2", name: "Express", amount: "7.5", tax_lines: [] },
  ],
}

/** Received returns of ORDER: ret_1 took back 2 caps and 2 mugs, ret_2 one of each. */
export const RETURNS: ReceivedReturnSnapshot[] = [
  {
    id: "ret_1",
    received_at: "2026-11-20T10:00:00Z",
    items: [
      { item_id: "li_a", received_quantity: 2 },
      { item_id: "li_b", received_quantity: 2 },
    ],
  },
  {
    id: "ret_2",
    received_at: "2026-11-21T10:00:00Z",
    items: [
      { item_id: "li_a", received_quantity: 1 },
      { item_id: "li_b", received_quantity: 1 },
    ],
  },
]

/** A stored plan of ORDER, built by the real buildRefundPlan. */
export function planOf(
  input: Partial<Omit<BuildRefundPlanInput, "order">> = {},
  overrides: Partial<StoredRefundPlan> = {},
): StoredRefundPlan {
  return storedPlan(
    buildRefundPlan({ order: ORDER, returns: RETURNS, ledger: emptyLedger(), ...input }),
    overrides,
  )
}

/** An amount-only plan (no lines, no shipping) of ORDER. */
export function amountOnlyPlan(
  amount: string,
  overrides: Partial<StoredRefundPlan> = {},
): StoredRefundPlan {
  return storedPlan(
    {
      order_id: ORDER.id,
      currency_code: "eur",
      amount,
      amount_exact: amount,
      return_ids: {},
      lines: {},
      shipping: {},
    },
    { source: "admin_refund", ...overrides },
  )
}
