import { RefundLedger, ReceivedReturnSnapshot } from "./types"
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
  const result: OutstandingUnits[] = []
  forEachOutstandingUnit(returns, ledger, onlyReturnId, (return_id, line_item_id, quantity) =>
    result.push({ return_id, line_item_id, quantity }),
  )
  return result
}

/** `outstandingUnits` one at a time, for a caller that needs no list of them. */
export function forEachOutstandingUnit(
  returns: ReceivedReturnSnapshot[],
  ledger: RefundLedger,
  onlyReturnId: string | undefined,
  visit: (returnId: string, lineItemId: string, quantity: number) => void,
): void {
  const sorted = [...returns].sort(receivedOrder)
  const receivedPerLine = new Map<string, number>()
  // each return's received units per line, read once for both passes below
  const receivedPerReturn: Array<Map<string, number>> = []
  for (const ret of sorted) {
    const ofReturn = new Map<string, number>()
    for (const item of ret.items) {
      const quantity = receivedQuantity(item.received_quantity, ret)
      receivedPerLine.set(item.item_id, (receivedPerLine.get(item.item_id) ?? 0) + quantity)
      ofReturn.set(item.item_id, (ofReturn.get(item.item_id) ?? 0) + quantity)
    }
    receivedPerReturn.push(ofReturn)
  }
  // What may still be refunded per line across all returns.
  const lineBudget = new Map<string, number>()
  receivedPerLine.forEach((received, lineId) => {
    lineBudget.set(lineId, Math.max(0, received - (ledger.units[lineId] ?? 0)))
  })

  sorted.forEach((ret, index) => {
    const refundedOfReturn = ledger.return_units[ret.id] ?? {}
    receivedPerReturn[index].forEach((received, lineId) => {
      const open = received - (refundedOfReturn[lineId] ?? 0)
      const budget = lineBudget.get(lineId) ?? 0
      const quantity = Math.min(open, budget)
      if (quantity <= 0) return
      lineBudget.set(lineId, budget - quantity)
      if (onlyReturnId && ret.id !== onlyReturnId) return
      visit(ret.id, lineId, quantity)
    })
  })
}

/** A received quantity, its error message written only when it is not a plain count. */
function receivedQuantity(value: unknown, ret: ReceivedReturnSnapshot): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return value
  return wholeQuantity(value, `Received quantity of ${ret.id}`)
}
