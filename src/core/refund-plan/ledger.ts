import { MathBN } from "@medusajs/framework/utils"
import { decimalString } from "../money"
import { RefundLedger, RefundPlanDraft } from "./types"

export function emptyLedger(): RefundLedger {
  return { units: {}, return_units: {}, shipping: {} }
}

function addCounts(into: Record<string, number>, from: Record<string, number> | undefined) {
  for (const [id, count] of Object.entries(from ?? {})) {
    if (count == null) continue
    into[id] = (into[id] ?? 0) + Number(count)
  }
}

/** Sums ledgers (one per payment of the order) into the order's ledger. Tolerates partial ones. */
export function mergeLedgers(
  ledgers: Array<Partial<RefundLedger> | null | undefined>,
): RefundLedger {
  const merged = emptyLedger()
  for (const ledger of ledgers) {
    if (!ledger) continue
    addCounts(merged.units, ledger.units)
    for (const [returnId, units] of Object.entries(ledger.return_units ?? {})) {
      merged.return_units[returnId] ??= {}
      addCounts(merged.return_units[returnId], units ?? {})
    }
    for (const [methodId, amount] of Object.entries(ledger.shipping ?? {})) {
      if (amount == null) continue
      merged.shipping[methodId] = decimalString(MathBN.add(merged.shipping[methodId] ?? 0, amount))
    }
  }
  return merged
}

/**
 * The ledger entries that change when a plan is refunded, as absolute values, so that writing
 * them into `payment.data` with Medusa's deep merge yields the new ledger of that payment.
 */
export function ledgerAfterPlan(
  current: Partial<RefundLedger> | undefined,
  plan: Pick<RefundPlanDraft, "lines" | "shipping">,
): RefundLedger {
  const next = emptyLedger()
  for (const line of Object.values(plan.lines)) {
    next.units[line.line_item_id] = (current?.units?.[line.line_item_id] ?? 0) + line.quantity
    for (const [returnId, quantity] of Object.entries(line.returns)) {
      const already = current?.return_units?.[returnId]?.[line.line_item_id] ?? 0
      next.return_units[returnId] ??= {}
      next.return_units[returnId][line.line_item_id] = already + quantity
    }
  }
  for (const shipping of Object.values(plan.shipping)) {
    const already = current?.shipping?.[shipping.shipping_method_id] ?? 0
    next.shipping[shipping.shipping_method_id] = decimalString(
      MathBN.add(already, shipping.total_exact),
    )
  }
  return next
}
