/**
 * The plan code as it was before it moved to exact scaled decimals, kept verbatim (on Medusa's
 * MathBN and bignumber.js) as the reference the property tests compare the new code with.
 * Test-only: see plan-equivalence.unit.spec.ts.
 */
import { RefundLedger, ReceivedReturnSnapshot } from "../../types"
import { wholeQuantity } from "./line-amounts"

/** Units of one order line, taken from one return, that can still be refunded. */
export interface OutstandingUnits {
  return_id: string
  line_item_id: string
  quantity: number
}

function receivedOrder(a: ReceivedReturnSnapshot, b: ReceivedReturnSnapshot): number {
  const at = (r: ReceivedReturnSnapshot) => (r.received_at ? new Date(r.received_at).getTime() : 0)
  return at(a) - at(b) || a.id.localeCompare(b.id)
}

/**
 * Received-but-unrefunded units, per return and line, oldest return first. A line never yields
 * more units than were received for it minus what the ledger says is refunded, whichever way
 * earlier refunds were attributed to returns.
 */
export function outstandingUnits(
  returns: ReceivedReturnSnapshot[],
  ledger: RefundLedger,
  onlyReturnId?: string,
): OutstandingUnits[] {
  const sorted = [...returns].sort(receivedOrder)
  const receivedPerLine = new Map<string, number>()
  for (const ret of sorted) {
    for (const item of ret.items) {
      const quantity = wholeQuantity(item.received_quantity, `Received quantity of ${ret.id}`)
      receivedPerLine.set(item.item_id, (receivedPerLine.get(item.item_id) ?? 0) + quantity)
    }
  }
  // What may still be refunded per line across all returns.
  const lineBudget = new Map<string, number>()
  for (const [lineId, received] of receivedPerLine) {
    lineBudget.set(lineId, Math.max(0, received - (ledger.units[lineId] ?? 0)))
  }

  const result: OutstandingUnits[] = []
  for (const ret of sorted) {
    const refundedOfReturn = ledger.return_units[ret.id] ?? {}
    const receivedOfReturn = new Map<string, number>()
    for (const item of ret.items) {
      const quantity = wholeQuantity(item.received_quantity, `Received quantity of ${ret.id}`)
      receivedOfReturn.set(item.item_id, (receivedOfReturn.get(item.item_id) ?? 0) + quantity)
    }
    for (const [lineId, received] of receivedOfReturn) {
      const open = received - (refundedOfReturn[lineId] ?? 0)
      const quantity = Math.min(open, lineBudget.get(lineId) ?? 0)
      if (quantity <= 0) continue
      lineBudget.set(lineId, (lineBudget.get(lineId) ?? 0) - quantity)
      if (onlyReturnId && ret.id !== onlyReturnId) continue
      result.push({ return_id: ret.id, line_item_id: lineId, quantity })
    }
  }
  return result
}
