import { sameAmountInCurrency } from "../money"
import { StoredRefundPlan } from "../payment-data"
import { LedgerRefund } from "./types"

export type InDoubtCheck =
  /** no refund in doubt stands in the way */
  | { kind: "clear" }
  /** the plan is the same logical refund as one in doubt: retry it under its key */
  | { kind: "retry"; entry: LedgerRefund }
  /** another refund of these units, or of this amount, is in doubt: refuse */
  | { kind: "blocked"; entry: LedgerRefund }

/**
 * Where a new plan stands against the payment's refunds whose outcome is unknown. The same key
 * is the same refund (a staff retry): it goes on as that refund. Otherwise a refund in doubt
 * blocks any plan that would pay for the same units (same order line and return, or the same
 * shipping method; units refunded without a return block, and are blocked by, any refund of
 * their line) or the same amount on the payment, until the gateway has been asked.
 */
export function inDoubtCheck(
  plan: Pick<
    StoredRefundPlan,
    "payment_id" | "idempotency_key" | "amount" | "currency_code" | "lines" | "shipping"
  >,
  entries: ReadonlyArray<LedgerRefund>,
): InDoubtCheck {
  const inDoubt = entries.filter((e) => e.status === "in_doubt")
  const same = inDoubt.find(
    (e) => e.payment_id === plan.payment_id && e.idempotency_key === plan.idempotency_key,
  )
  if (same) return { kind: "retry", entry: same }

  const planUnits = new Set<string>()
  for (const line of Object.values(plan.lines)) {
    for (const returnId of Object.keys(line.returns))
      planUnits.add(`${line.line_item_id}|${returnId}`)
  }
  for (const methodId of Object.keys(plan.shipping)) planUnits.add(`shipping|${methodId}`)
  // line → whether the plan takes its units from returns
  const planLines = new Map(
    Object.values(plan.lines).map((l) => [l.line_item_id, Object.keys(l.returns).length > 0]),
  )
  const sameLineWithoutReturn = (lineId: string | null, returnId: string | null) =>
    !!lineId && planLines.has(lineId) && (returnId === null || planLines.get(lineId) === false)

  const blocking = inDoubt.find(
    (e) =>
      e.units.some((u) =>
        u.kind === "shipping"
          ? planUnits.has(`shipping|${u.shipping_method_id}`)
          : planUnits.has(`${u.line_item_id}|${u.return_id}`) ||
            sameLineWithoutReturn(u.line_item_id, u.return_id),
      ) ||
      (e.payment_id === plan.payment_id &&
        sameAmountInCurrency(e.amount, plan.amount, plan.currency_code)),
  )
  return blocking ? { kind: "blocked", entry: blocking } : { kind: "clear" }
}
