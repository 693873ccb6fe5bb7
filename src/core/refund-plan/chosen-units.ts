import { MedusaError } from "@medusajs/framework/utils"
import type { LedgerRefund } from "../ledger/types"
import { decimalString, toDecimal } from "../money"
import { shippingTotal, wholeQuantity } from "./line-amounts"
import { OrderSnapshot, RefundLedger } from "./types"

/** What staff chose to refund without a return: units of order lines, and shipping methods. */
export interface ChosenRefund {
  lines: ReadonlyArray<{ line_item_id: string; quantity: number }>
  shipping_method_ids?: ReadonlyArray<string>
}

/**
 * Per order line, how many units can still be refunded at all: ordered, minus what refunds paid
 * back (pending or succeeded), minus what a refund whose outcome is unknown holds. Units of a
 * received return count among them: whichever refund takes a unit first, the other cannot.
 */
export function refundableUnits(
  order: OrderSnapshot,
  ledger: RefundLedger,
  entries: ReadonlyArray<Pick<LedgerRefund, "status" | "units">>,
): Record<string, number> {
  const held: Record<string, number> = {}
  for (const entry of entries) {
    if (entry.status !== "in_doubt") continue
    for (const unit of entry.units) {
      if (unit.kind !== "item" || !unit.line_item_id) continue
      held[unit.line_item_id] = (held[unit.line_item_id] ?? 0) + unit.quantity
    }
  }
  return Object.fromEntries(
    order.items.map((item) => {
      const ordered = wholeQuantity(item.quantity, `Quantity of line ${item.id}`)
      const left = ordered - (ledger.units[item.id] ?? 0) - (held[item.id] ?? 0)
      return [item.id, Math.max(0, left)]
    }),
  )
}

/** Per shipping method, the amount not refunded yet (major units, full precision). */
export function refundableShipping(
  order: OrderSnapshot,
  ledger: RefundLedger,
): Record<string, string> {
  return Object.fromEntries(
    (order.shipping_methods ?? []).map((method) => {
      const left = shippingTotal(method).minus(toDecimal(ledger.shipping[method.id] ?? 0))
      return [method.id, decimalString(left.isNegative() ? toDecimal(0) : left)]
    }),
  )
}

/**
 * The chosen units, one entry per line, after checking each against what is left: a line the
 * order does not have, a quantity that is not a whole positive number, more units than are left,
 * or shipping that is refunded already are refused with what to do instead. Refunds in doubt are
 * left to `inDoubtCheck`: the same refund again must be able to retry under its key.
 */
export function checkChosenRefund(
  order: OrderSnapshot,
  ledger: RefundLedger,
  chosen: ChosenRefund,
): { units: Array<{ line_item_id: string; quantity: number }>; shipping: string[] } {
  const left = refundableUnits(order, ledger, [])
  const titles = new Map(order.items.map((item) => [item.id, item.title]))
  const wanted = new Map<string, number>()
  for (const line of chosen.lines) {
    if (!titles.has(line.line_item_id)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `This order has no item ${line.line_item_id}. Reload the order page and choose the items again.`,
      )
    }
    if (!Number.isInteger(line.quantity) || line.quantity < 0) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Enter a whole number of units to refund for ${titles.get(line.line_item_id)}.`,
      )
    }
    if (line.quantity === 0) continue
    wanted.set(line.line_item_id, (wanted.get(line.line_item_id) ?? 0) + line.quantity)
  }
  for (const [lineId, quantity] of wanted) {
    const available = left[lineId] ?? 0
    if (quantity > available) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        available === 0
          ? `Every unit of ${titles.get(lineId)} is refunded already, or being refunded. Choose other items.`
          : `Only ${available} unit${available === 1 ? "" : "s"} of ${titles.get(lineId)} can still be refunded, not ${quantity}. Lower the quantity.`,
      )
    }
  }

  const shippingLeft = refundableShipping(order, ledger)
  const methods = new Map((order.shipping_methods ?? []).map((m) => [m.id, m.name]))
  const shipping = [...new Set(chosen.shipping_method_ids ?? [])]
  for (const id of shipping) {
    if (!methods.has(id)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `This order has no shipping method ${id}. Reload the order page and choose again.`,
      )
    }
    if (toDecimal(shippingLeft[id]).lte(0)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The shipping (${methods.get(id)}) is refunded already. Untick it to refund the items only.`,
      )
    }
  }
  if (wanted.size === 0 && shipping.length === 0) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Choose at least one item or the shipping to refund.",
    )
  }
  return {
    units: [...wanted].map(([line_item_id, quantity]) => ({ line_item_id, quantity })),
    shipping,
  }
}
