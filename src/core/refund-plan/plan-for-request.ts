import { MedusaError } from "@medusajs/framework/utils"
import { currencyExponent, decimalString, sameAmountInCurrency, toDecimal } from "../money"
import {
  blockedByInDoubtMessage,
  duplicateRefundMessage,
  gatewayRoundingCarry,
  inDoubtCheck,
  InDoubtCheck,
  LedgerRefund,
  REFUNDED_STATUSES,
  refundsOnRecord,
} from "../ledger"
import { LineRefundsState, logicalRefundKey, PlanSource, StoredRefundPlan } from "../payment-data"
import { buildRefundPlan, isEmptyPlan } from "./build-refund-plan"
import { ChosenRefund, checkChosenRefund } from "./chosen-units"
import { collectPlanLines } from "./plan-lines"
import { collectPlanShipping } from "./plan-shipping"
import { PreparedPlan, preparePlan } from "./prepared-plan"
import { OrderSnapshot, ReceivedReturnSnapshot, RefundLedger, RefundPlanDraft } from "./types"

/** The error code of a refund refused because another one of the same units is in doubt. */
export const IN_DOUBT_ERROR_CODE = "line_refunds.refund_in_doubt"

/** What the app layer knows when a refund is asked for. */
export interface RefundContext {
  payment: {
    id: string
    amount: string
    currency_code: string
    provider_id: string
  }
  order: OrderSnapshot & { pending_difference: string | null }
  returns: ReceivedReturnSnapshot[]
  /** what the order's refunds have paid back (ledger entries pending or succeeded) */
  ledger: RefundLedger
  /** the order's ledger entries, every status, oldest first */
  entries: LedgerRefund[]
  /** the plugin's state in this payment's data (its plans) */
  state: LineRefundsState
}

export type RefundRequest =
  /**
   * the stock admin Refund button: an amount, maybe none (Medusa then refunds the payment amount)
   */
  | { kind: "amount"; amount?: string | number | null }
  /** one return, explicitly or automatically on receipt */
  | {
      kind: "return"
      return_id: string
      include_shipping?: boolean
      source: "return_refund" | "auto_refund"
    }
  /** lines and shipping staff chose on the order page, never returned (damaged, missing, goodwill) */
  | ({ kind: "lines" } & ChosenRefund)

export interface PlanDecision {
  plan: StoredRefundPlan
  /** the amount to refund in Medusa (major units) */
  amount: string
  /** the ledger entry in doubt this refund retries (same logical refund, same key), if any */
  retry_of: string | null
}

export interface PlanPolicy {
  duplicateRefundWindowSeconds: number
  now: Date
  newPlanId: () => string
  /** told when received returns could not be turned into lines (the refund goes by amount) */
  onPlanError?: (error: Error) => void
}

/**
 * Decides what a refund request refunds. An explicit return refund covers that return's
 * received-but-unrefunded units. An amount from the stock button covers all received units when
 * it is exactly what they are owed (with or without the remaining shipping); any other amount is
 * an amount-only refund, never a guess at lines. A repeat of a recent refund's amount with no
 * received units left is refused as a double submission; a refund that would pay for units (or
 * the amount) of a refund whose outcome is unknown is refused until that one is resolved, while
 * the same refund again is a retry of it, under its key.
 */
export function planForRequest(
  context: RefundContext,
  request: RefundRequest,
  policy: PlanPolicy,
): PlanDecision {
  const base = { order: context.order, returns: context.returns, ledger: context.ledger }
  const currency = context.order.currency_code

  if (request.kind === "return") {
    const received = context.returns.find((r) => r.id === request.return_id)
    if (!received) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `This return has received no items yet, so nothing was refunded. Receive its items first, then refund it. (return ${request.return_id}, order ${orderLabel(context)})`,
      )
    }
    const draft = buildRefundPlan({
      ...base,
      return_id: request.return_id,
      shipping: !!request.include_shipping,
    })
    if (isEmptyPlan(draft)) {
      const holding = context.entries.find(
        (e) => e.status === "in_doubt" && e.units.some((u) => u.return_id === request.return_id),
      )
      if (holding) throw inDoubtError(holding)
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Return ${returnLabel(received)} is refunded already: nothing received is left to refund.`,
      )
    }
    // Medusa books the exact owed amount (it may hold fractions of a minor unit), so the order
    // settles to zero; the gateway refunds the plan amount, rounded to the minor unit.
    return decide(context, draft, draft.amount_exact, request.source, policy)
  }

  if (request.kind === "lines") {
    const chosen = checkChosenRefund(context.order, context.ledger, request)
    const draft = buildRefundPlan({ ...base, units: chosen.units, shipping: chosen.shipping })
    return decide(context, draft, draft.amount_exact, "chosen_lines", policy)
  }

  const requested = decimalString(request.amount ?? context.payment.amount)
  // Two candidate plans, the received units without and with the remaining shipping: their
  // lines are priced once, and only the one whose amount was asked for becomes a draft.
  let linesOnly: PreparedPlan | null = null
  let withShipping: PreparedPlan | null = null
  try {
    const lines = collectPlanLines(base)
    linesOnly = preparePlan(base, lines, [])
    withShipping = preparePlan(base, lines, collectPlanShipping({ ...base, shipping: true }))
  } catch (error) {
    // The stock button serves every provider's payments: an order the plan cannot describe must
    // not block a plain refund. It is refunded by amount, and the reason is reported.
    policy.onPlanError?.(error as Error)
    linesOnly = withShipping = null
  }
  const matching = [linesOnly, withShipping].find(
    (plan) => plan && !plan.empty && sameAmountInCurrency(plan.amount, requested, currency),
  )
  if (matching) return decide(context, matching.draft(), requested, "admin_refund", policy)

  assertWholeMinorUnits(requested, currency)
  if (!linesOnly || linesOnly.empty) guardAgainstRepeat(context, requested, policy)
  return decide(context, emptyDraft(context, requested), requested, "admin_refund", policy)
}

function decide(
  context: RefundContext,
  draft: RefundPlanDraft,
  amount: string,
  source: PlanSource,
  policy: PlanPolicy,
): PlanDecision {
  const plan = storePlan(context, draft, source, policy)
  // With no refund in doubt there is nothing to check (inDoubtCheck would say "clear" after
  // indexing every unit of the plan).
  const check: InDoubtCheck = context.entries.some((e) => e.status === "in_doubt")
    ? inDoubtCheck(plan, context.entries)
    : { kind: "clear" }
  if (check.kind === "blocked") throw inDoubtError(check.entry)
  if (check.kind === "retry") {
    // The same logical refund asks for the same amount under its key, whatever moved since: the
    // carry its first attempt was sent with, not one computed anew.
    const first = check.entry.plan_id ? context.state.plans[check.entry.plan_id] : undefined
    return {
      plan: {
        ...plan,
        in_doubt_since: check.entry.created_at,
        gateway_carry: first ? (first.gateway_carry ?? null) : plan.gateway_carry,
      },
      amount,
      retry_of: check.entry.id,
    }
  }
  return { plan, amount, retry_of: null }
}

function inDoubtError(entry: LedgerRefund): MedusaError {
  return new MedusaError(
    MedusaError.Types.NOT_ALLOWED,
    blockedByInDoubtMessage(entry),
    IN_DOUBT_ERROR_CODE,
  )
}

/**
 * An amount refunded by amount only must be a whole number of the currency's minor units: the
 * gateway can only pay those, and Medusa would book the fraction. (A line refund books Medusa's
 * exact owed amount, fractions included, so the order settles; its gateway amount is rounded.)
 */
function assertWholeMinorUnits(amount: string, currency: string) {
  const exponent = currencyExponent(currency)
  if (toDecimal(amount).decimalPlaces()! > exponent) {
    const unit = toDecimal(1).shiftedBy(-exponent).toFixed(exponent)
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${toDecimal(amount).toFixed()} ${currency.toUpperCase()} is finer than the smallest amount a ${currency.toUpperCase()} payment can refund (${unit}). Enter an amount with at most ${exponent} decimal${exponent === 1 ? "" : "s"}.`,
    )
  }
}

function emptyDraft(context: RefundContext, amount: string): RefundPlanDraft {
  return {
    order_id: context.order.id,
    currency_code: context.order.currency_code.toLowerCase(),
    amount,
    amount_exact: amount,
    return_ids: {},
    labels: {
      order: context.order.display_id == null ? null : String(context.order.display_id),
      returns: {},
    },
    lines: {},
    shipping: {},
  }
}

function guardAgainstRepeat(context: RefundContext, amount: string, policy: PlanPolicy) {
  const windowSeconds = policy.duplicateRefundWindowSeconds
  if (windowSeconds <= 0) return
  const repeat = context.entries
    .filter((e) => e.payment_id === context.payment.id && REFUNDED_STATUSES.has(e.status))
    .filter((e) => policy.now.getTime() - new Date(e.created_at).getTime() <= windowSeconds * 1000)
    .reverse()
    .find((e) => sameAmountInCurrency(e.amount, amount, context.payment.currency_code))
  if (repeat) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      duplicateRefundMessage({
        amount: repeat.amount,
        currency_code: repeat.currency_code,
        age_seconds: (policy.now.getTime() - new Date(repeat.created_at).getTime()) / 1000,
        window_seconds: windowSeconds,
      }),
    )
  }
}

function orderLabel(context: RefundContext): string {
  return context.order.display_id == null ? context.order.id : `#${context.order.display_id}`
}

function returnLabel(ret: ReceivedReturnSnapshot): string {
  return ret.display_id == null || ret.display_id === "" ? ret.id : `#${ret.display_id}`
}

function storePlan(
  context: RefundContext,
  draft: RefundPlanDraft,
  source: PlanSource,
  policy: PlanPolicy,
): StoredRefundPlan {
  // Same payment, same units and amount, same refunds on record: a retry of this very refund.
  const idempotencyKey = logicalRefundKey({
    payment_id: context.payment.id,
    amount: draft.amount,
    lines: returnsPerLine(draft),
    shipping: Object.keys(draft.shipping).sort(),
    refunds_on_record: refundsOnRecord(context.entries, context.payment.id),
  })
  return {
    ...draft,
    id: policy.newPlanId(),
    status: "open",
    source,
    payment_id: context.payment.id,
    created_at: policy.now.toISOString(),
    pending_difference_before: context.order.pending_difference,
    idempotency_key: idempotencyKey,
    gateway_carry: gatewayRoundingCarry(context.entries, context.payment.id, {
      excludeKey: idempotencyKey,
      carryOfPlan: (planId) => context.state.plans[planId]?.gateway_carry,
    }),
  }
}

/**
 * line id → the units of each return the plan refunds of it, as the idempotency key names them.
 * A prototype-less object, filled in one loop: an own key even for "__proto__", and no pair
 * arrays on the way (the key is built for every plan, and the stock button weighs two).
 */
function returnsPerLine(draft: RefundPlanDraft): Record<string, Record<string, number>> {
  const lines: Record<string, Record<string, number>> = Object.create(null)
  for (const line of Object.values(draft.lines)) lines[line.line_item_id] = line.returns
  return lines
}
