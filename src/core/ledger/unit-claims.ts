import { MedusaError } from "@medusajs/framework/utils"
import { unitsTakenMessage } from "../messages"
import { LedgerUnit } from "./types"

/**
 * One unit a refund holds: unit `unit_number` of an order line that has `of_units` units, or a
 * shipping method (always unit 1 of 1).
 */
export interface UnitClaim {
  target_id: string
  unit_number: number
  of_units: number
}

/**
 * The unit numbers a refund claims: per order line the lowest numbers no live refund holds; a
 * shipping method is unit 1, whoever holds it. Deterministic, so two refunds computed from the
 * same state claim the same numbers and the database lets only one of them through. A line can
 * never be claimed for more units than it was ordered with.
 */
export function unitClaims(
  units: ReadonlyArray<
    Pick<LedgerUnit, "kind" | "line_item_id" | "shipping_method_id" | "quantity"> &
      Partial<Pick<LedgerUnit, "title">>
  >,
  held: ReadonlyArray<Pick<UnitClaim, "target_id" | "unit_number">>,
  orderedQuantity: (lineItemId: string) => number,
): UnitClaim[] {
  const taken = new Map<string, Set<number>>()
  for (const claim of held) {
    if (!taken.has(claim.target_id)) taken.set(claim.target_id, new Set())
    taken.get(claim.target_id)!.add(claim.unit_number)
  }
  const claims: UnitClaim[] = []
  for (const unit of units) {
    if (unit.kind === "shipping") {
      if (unit.shipping_method_id) {
        claims.push({ target_id: unit.shipping_method_id, unit_number: 1, of_units: 1 })
      }
      continue
    }
    if (!unit.line_item_id) continue
    const target = unit.line_item_id
    const ofUnits = orderedQuantity(target)
    const numbers = taken.get(target) ?? new Set<number>()
    taken.set(target, numbers)
    for (let n = 1, added = 0; added < unit.quantity; n++) {
      if (n > ofUnits) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          unitsTakenMessage({ line_item_id: target, title: unit.title, of_units: ofUnits }),
        )
      }
      if (numbers.has(n)) continue
      numbers.add(n)
      claims.push({ target_id: target, unit_number: n, of_units: ofUnits })
      added++
    }
  }
  return claims
}
