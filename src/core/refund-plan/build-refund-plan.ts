import { collectPlanLines } from "./plan-lines"
import { collectPlanShipping } from "./plan-shipping"
import { preparePlan } from "./prepared-plan"
import { OrderSnapshot, ReceivedReturnSnapshot, RefundLedger, RefundPlanDraft } from "./types"

export interface BuildRefundPlanInput {
  order: OrderSnapshot
  /** the order's returns with what was received of them */
  returns: ReceivedReturnSnapshot[]
  /** what is refunded already, over all of the order's payments */
  ledger: RefundLedger
  /** only units of this return; by default every received return */
  return_id?: string
  /** also refund what is left of the order's shipping: all methods, or the listed ids */
  shipping?: boolean | string[]
  /**
   * Units staff chose without a return (a damaged or missing item, a goodwill refund): refunded
   * instead of the received returns' units. Checked against what is left by `chosenUnits`.
   */
  units?: ReadonlyArray<{ line_item_id: string; quantity: number }>
}

/**
 * Computes which received units (and optionally which shipping) a refund covers, and for how
 * much, in the order currency. The amount is Medusa's owed amount for those units rounded half
 * up to the minor unit; line totals are split from it by largest remainder, so they add up to
 * the amount exactly.
 *
 * Each line is priced once, in exact integer arithmetic that takes Medusa's own steps
 * (./exact-unit-amounts.ts), so the time grows with the lines and stays at microseconds a line.
 */
export function buildRefundPlan(input: BuildRefundPlanInput): RefundPlanDraft {
  return preparePlan(input, collectPlanLines(input), collectPlanShipping(input)).draft()
}

/** True when a plan refunds nothing (no units, no shipping). */
export function isEmptyPlan(plan: Pick<RefundPlanDraft, "lines" | "shipping">): boolean {
  return Object.keys(plan.lines).length === 0 && Object.keys(plan.shipping).length === 0
}

/**
 * A plan's lines and shipping in the order's own order. `payment.data` is stored as jsonb, which
 * does not keep object key order, so never rely on `Object.values(plan.lines)` order.
 */
export function orderedPlanParts(plan: Pick<RefundPlanDraft, "lines" | "shipping">) {
  return {
    lines: Object.values(plan.lines).sort((a, b) => a.position - b.position),
    shipping: Object.values(plan.shipping).sort((a, b) => a.position - b.position),
  }
}
