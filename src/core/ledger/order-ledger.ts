import { MathBN } from "@medusajs/framework/utils"
import { decimalString } from "../money"
import { emptyLedger } from "../refund-plan/ledger"
import { RefundLedger } from "../refund-plan/types"
import { LedgerRefund, REFUNDED_STATUSES } from "./types"

/**
 * What an order's refunds have paid back so far, as the refund plan reads it: units per line,
 * per return and line, and shipping amounts, summed over the entries that moved money (pending
 * or succeeded). Entries in doubt are left out here on purpose: a retry of the same refund must
 * compute the same plan (and key); `inDoubtConflict` keeps other refunds off their units.
 */
export function orderLedger(entries: ReadonlyArray<LedgerRefund>): RefundLedger {
  const ledger = emptyLedger()
  for (const entry of entries) {
    if (!REFUNDED_STATUSES.has(entry.status)) continue
    for (const unit of entry.units) {
      if (unit.kind === "shipping" && unit.shipping_method_id) {
        const id = unit.shipping_method_id
        ledger.shipping[id] = decimalString(MathBN.add(ledger.shipping[id] ?? 0, unit.amount_exact))
        continue
      }
      if (!unit.line_item_id) continue
      ledger.units[unit.line_item_id] = (ledger.units[unit.line_item_id] ?? 0) + unit.quantity
      if (unit.return_id) {
        const perReturn = (ledger.return_units[unit.return_id] ??= {})
        perReturn[unit.line_item_id] = (perReturn[unit.line_item_id] ?? 0) + unit.quantity
      }
    }
  }
  return ledger
}

/**
 * How many of a payment's refunds are on record: part of every logical refund key, so the next
 * real refund of the same amount gets a new key while a retry of this one keeps its key. Entries
 * in doubt or released do not count: a retry after either is the same refund.
 */
export function refundsOnRecord(entries: ReadonlyArray<LedgerRefund>, paymentId: string): number {
  return entries.filter(
    (entry) =>
      entry.payment_id === paymentId &&
      (REFUNDED_STATUSES.has(entry.status) || entry.status === "failed"),
  ).length
}
