/**
 * The ledger of truth: one entry per refund the plugin started or recorded, kept in the plugin's
 * own tables (module `lineRefunds`), whatever provider took the payment. Gateway-neutral.
 */

/**
 * - in_doubt: recorded before the gateway is called; stays so when the gateway's answer was lost.
 *   Its units stay held, so nothing else can refund them, until the gateway has been asked.
 * - pending / succeeded: the gateway accepted the refund (succeeded: and carried it out).
 * - failed: the gateway failed it later; Medusa's refund was undone and its units released.
 * - released: it was in doubt and the gateway never made it; its units released.
 */
export type LedgerStatus = "in_doubt" | "pending" | "succeeded" | "failed" | "released"

/** Who asked for the refund, or how the plugin learned of it. */
export type LedgerSource =
  | "admin_refund"
  | "return_refund"
  | "auto_refund"
  | "chosen_lines"
  | "gateway_report"
  | "external"

/** Statuses whose units are held: no other refund may pay for them. */
export const HOLDING_STATUSES: ReadonlySet<LedgerStatus> = new Set([
  "in_doubt",
  "pending",
  "succeeded",
])

/** Statuses of refunds that moved (or are moving) money: what the order's ledger counts. */
export const REFUNDED_STATUSES: ReadonlySet<LedgerStatus> = new Set(["pending", "succeeded"])

/** What one refund paid back of one order line from one return, or of one shipping method. */
export interface LedgerUnit {
  kind: "item" | "shipping"
  line_item_id: string | null
  shipping_method_id: string | null
  return_id: string | null
  title: string
  quantity: number
  /** share of the refund's gateway amount, rounded to the minor unit (decimal string) */
  amount: string
  /** what Medusa owes for these units, full precision (decimal string) */
  amount_exact: string
}

export interface LedgerRefund {
  id: string
  payment_id: string
  order_id: string
  provider_id: string
  /** Medusa's refund (`ref_…`); null while in doubt or released */
  refund_id: string | null
  idempotency_key: string
  return_ids: string[]
  kind: "lines" | "amount"
  source: LedgerSource
  status: LedgerStatus
  /** what Medusa books, major units, decimal string */
  amount: string
  currency_code: string
  gateway_amount: string | null
  gateway_reference: string | null
  failure_reason: string | null
  doubt_reason: string | null
  plan_id: string | null
  pending_difference_before: string | null
  note: string | null
  created_at: string
  status_changed_at: string | null
  gateway: Record<string, unknown> | null
  units: LedgerUnit[]
}

/** A new ledger entry, as the workflow writes it before the gateway is called. */
export type NewLedgerRefund = Omit<
  LedgerRefund,
  "id" | "created_at" | "status_changed_at" | "failure_reason" | "doubt_reason"
> & { doubt_reason?: string | null; failure_reason?: string | null }
