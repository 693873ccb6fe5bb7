import {
  LedgerRefund,
  ledgerEntryFromPlan,
  LedgerSource,
  LedgerStatus,
  unitClaims,
  UnitClaim,
} from "../../ledger"
import { writtenEntry } from "../../ledger/__tests__/ledger-fixtures"
import { recordRefund, takeRefundPlan } from "../../provider-refunds"
import {
  lineRefundsPatch,
  LineRefundsState,
  openPlanPatch,
  readLineRefundsState,
  RefundStatus,
  StoredRefundPlan,
} from "../../payment-data"
import { buildRefundPlan, emptyLedger, OrderSnapshot, RefundLedger } from "../../refund-plan"
import { gatewayRefundPlan, RefundOutcomeAction } from ".."

/**
 * One payment as the workflows keep it: its ledger entries (with the unit claims the database
 * holds for them) and its `payment.data` (the plans, and what the provider learned from its
 * gateway), driven through the real pure pieces: ledgerEntryFromPlan → takeRefundPlan →
 * recordRefund, gatewayRefundPlan for refunds the gateway made. Test fixture only.
 */
export const NOW = new Date("2026-11-22T12:00:00Z")
export const PAYMENT_ID = "pay_1"

export function deepMerge(target: any, patch: any): any {
  const out = { ...(target ?? {}) }
  for (const [k, v] of Object.entries(patch ?? {})) {
    out[k] = v && typeof v === "object" && !Array.isArray(v) ? deepMerge(target?.[k], v) : v
  }
  return out
}

/** An order with one line (4 × 10.00, no tax) and shipping 5.00. */
export const ORDER: OrderSnapshot = {
  id: "order_1",
  currency_code: "eur",
  items: [{ id: "li_a", title: "Cap", quantity: 4, unit_price: "10", tax_lines: [] }],
  shipping_methods: [{ id: "sm_1", name: "Post", amount: "5", tax_lines: [] }],
}

/** ORDER's plan for return ret_1 (2 caps received) and the shipping: 25.00. */
export function linesPlan(
  overrides: Partial<StoredRefundPlan> = {},
  ledger: RefundLedger = emptyLedger(),
): StoredRefundPlan {
  const draft = buildRefundPlan({
    order: ORDER,
    returns: [{ id: "ret_1", items: [{ item_id: "li_a", received_quantity: 2 }] }],
    ledger,
    shipping: true,
  })
  return {
    ...draft,
    id: "lrplan_1",
    status: "open",
    source: "return_refund",
    payment_id: PAYMENT_ID,
    created_at: new Date(NOW.getTime() - 1000).toISOString(),
    idempotency_key: "lr_key_1",
    pending_difference_before: "-25",
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
    source: "admin_refund",
    ...overrides,
  })
}

/** What the gateway answered when the provider sent the refund; "lost": no answer came back. */
export type GatewayAnswer =
  | { status: RefundStatus; gateway_reference: string | null; gateway_amount?: string | null }
  | "lost"

export interface RefundOptions {
  /** what Medusa books; the plan's exact amount by default */
  amount?: string
  source?: LedgerSource
  /** when the entry was written */
  at?: Date
  note?: string | null
  /** an entry in doubt this refund carries on instead of writing a new one */
  adopt?: string | null
}

export class SimulatedPayment {
  data: Record<string, unknown> = { session_id: "payses_1" }
  entries: LedgerRefund[] = []
  /** the claims the database holds: unit numbers of the live (held) entries */
  claims: Array<UnitClaim & { entry_id: string }> = []
  /** Medusa's refunds of the payment */
  medusaRefunds: Array<{ id: string; created_at: string }> = []
  private nextEntry = 0
  private nextRefund = 0

  constructor(private readonly orderedUnits: Record<string, number> = { li_a: 4 }) {}

  get state(): LineRefundsState {
    return readLineRefundsState(this.data)
  }

  get plans(): Record<string, StoredRefundPlan> {
    return this.state.plans
  }

  entry(id: string): LedgerRefund {
    const found = this.entries.find((e) => e.id === id)
    if (!found) throw new Error(`no ledger entry ${id}`)
    return found
  }

  merge(patch: Record<string, unknown>) {
    this.data = deepMerge(this.data, patch)
  }

  /**
   * bookRefundWorkflow: the plan goes into payment.data, the entry into the ledger in doubt with
   * its units claimed, then Medusa refunds and calls the provider, and the entry learns what the
   * gateway said. A lost answer leaves the entry in doubt and the plan abandoned. Returns the
   * entry's id.
   */
  refund(plan: StoredRefundPlan, answer: GatewayAnswer, options: RefundOptions = {}): string {
    const amount = options.amount ?? plan.amount_exact
    this.merge(openPlanPatch(this.state, plan))
    const entryId =
      options.adopt ??
      this.write(
        ledgerEntryFromPlan({
          plan,
          amount,
          provider_id: "pp_acme_acme",
          source: options.source ?? plan.source,
          note: options.note,
        }),
        options.at ?? new Date(NOW.getTime() - 1000),
      )

    const refundId = `ref_${++this.nextRefund}`
    const intent = takeRefundPlan(
      { amount, data: this.data, context: { idempotency_key: refundId } },
      { scope: "gw_order_1", now: NOW },
    )
    const atGateway = intent.plan?.refunded_at_gateway
    if (!atGateway && answer === "lost") {
      // the provider throws "outcome unknown": Medusa books nothing, compensation retires the plan
      this.update(entryId, { doubt_reason: "acme did not answer" })
      if (this.plans[plan.id]?.status === "open") {
        this.merge(lineRefundsPatch({ plans: { [plan.id]: { status: "abandoned" } } }))
      }
      return entryId
    }
    this.merge(
      recordRefund(
        intent,
        atGateway
          ? {
              status: atGateway.status,
              gateway_reference: atGateway.reference,
              gateway: { recorded_from: "gateway_report" },
            }
          : { ...(answer as Exclude<GatewayAnswer, "lost">), gateway: {} },
        NOW,
      ),
    )
    this.medusaRefunds.push({ id: refundId, created_at: NOW.toISOString() })
    // refundInMedusaStep: the entry gets Medusa's refund and what the provider kept about it
    const outcome = this.state.refunds[refundId]
    this.update(entryId, {
      refund_id: refundId,
      status: outcome.status,
      gateway_reference: outcome.gateway_reference,
      gateway_amount: outcome.gateway_amount ?? null,
      gateway: outcome.gateway,
      doubt_reason: null,
    })
    return entryId
  }

  /**
   * applyRefundOutcomesWorkflow, minus Medusa's own bookkeeping: settlements and releases first
   * (settleRefundOutcomesStep), then the refunds the gateway made are booked one by one, each
   * planned from the payment as it is then (recordGatewayRefundsStep).
   */
  apply(actions: RefundOutcomeAction[], provider = "acme") {
    for (const action of actions) {
      if (action.type === "release_in_doubt") {
        this.update(action.entry_id, {
          status: "released",
          failure_reason: action.reason,
          ...(action.gateway_reference ? { gateway_reference: action.gateway_reference } : {}),
        })
      } else if (action.type === "settle") {
        // markRefundSettled: only a pending entry moves
        if (this.entry(action.entry_id).status !== "pending") continue
        if (action.status === "failed") {
          // undoFailedRefundWorkflow removes Medusa's refund, then the entry is marked failed
          this.medusaRefunds = this.medusaRefunds.filter((r) => r.id !== action.refund_id)
        }
        this.update(action.entry_id, {
          status: action.status,
          gateway_reference: action.gateway_reference,
          gateway: {
            ...(this.entry(action.entry_id).gateway ?? {}),
            reported_status: action.gateway_status ?? action.status,
          },
          ...(action.status === "failed" ? { failure_reason: action.failure_reason } : {}),
        })
      }
    }
    for (const action of actions) {
      if (action.type !== "record_gateway_refund" && action.type !== "record_in_doubt") continue
      const entry = action.type === "record_in_doubt" ? this.entry(action.entry_id) : null
      if (entry && entry.status !== "in_doubt") continue
      const recording = gatewayRefundPlan({
        report: action.report,
        in_doubt: entry
          ? { entry, plan: entry.plan_id ? (this.plans[entry.plan_id] ?? null) : null }
          : null,
        provider,
        payment: { id: PAYMENT_ID, currency_code: "eur" },
        order: { id: "order_1", pending_difference: "0" },
        now: NOW,
      })
      this.refund(
        recording.plan,
        // the provider records the refund the gateway made: it never asks the gateway
        { status: "failed", gateway_reference: "must not be sent" },
        {
          amount: recording.amount,
          source: "gateway_report",
          note: recording.note,
          adopt: entry?.id ?? null,
          at: NOW,
        },
      )
    }
  }

  /** The ledger module's recordRefund: the entry and its claims, refused if a unit is held. */
  private write(entry: Parameters<typeof writtenEntry>[0], at: Date): string {
    const id = `lref_${++this.nextEntry}`
    const claims = unitClaims(
      entry.units,
      this.claims,
      (lineItemId) => this.orderedUnits[lineItemId] ?? 0,
    )
    for (const claim of claims) {
      if (
        this.claims.some(
          (c) => c.target_id === claim.target_id && c.unit_number === claim.unit_number,
        )
      ) {
        throw new Error(`unique violation: ${claim.target_id} unit ${claim.unit_number} is held`)
      }
    }
    this.claims.push(...claims.map((claim) => ({ ...claim, entry_id: id })))
    this.entries.push(
      writtenEntry(entry, {
        id,
        created_at: at.toISOString(),
        status_changed_at: at.toISOString(),
      }),
    )
    return id
  }

  /** The ledger module's updateEntry: failed and released entries give their units back. */
  private update(id: string, patch: Partial<LedgerRefund>) {
    const current = this.entry(id)
    const next: LedgerRefund = { ...current, ...patch }
    if (patch.status && patch.status !== current.status) next.status_changed_at = NOW.toISOString()
    this.entries = this.entries.map((e) => (e.id === id ? next : e))
    if (patch.status && RELEASING.has(patch.status)) {
      this.claims = this.claims.filter((c) => c.entry_id !== id)
    }
  }
}

const RELEASING: ReadonlySet<LedgerStatus> = new Set(["failed", "released"])
