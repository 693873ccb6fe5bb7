/**
 * The plan code as it was before it moved to exact scaled decimals, kept verbatim (on Medusa's
 * MathBN and bignumber.js) as the reference the property tests compare the new code with.
 * Test-only: see plan-equivalence.unit.spec.ts.
 */
import { MedusaError } from "@medusajs/framework/utils"
import type { BuildRefundPlanInput } from "../../build-refund-plan"
import { Decimal, decimalString, toDecimal, toMinorUnits } from "../../../money"
import {
  referenceAllocateByLargestRemainder as allocateByLargestRemainder,
  referenceFromMinorUnits as fromMinorUnits,
} from "../../../money/__tests__/reference-money"
import { shippingTotal, sumTaxRate, unitAmounts } from "./line-amounts"
import { outstandingUnits } from "./outstanding-units"
import {
  OrderSnapshot,
  ReceivedReturnSnapshot,
  RefundLedger,
  RefundPlanDraft,
  RefundPlanLine,
  RefundPlanShipping,
} from "../../types"

/**
 * Computes which received units (and optionally which shipping) a refund covers, and for how
 * much, in the order currency. The amount is Medusa's owed amount for those units rounded half
 * up to the minor unit; line totals are split from it by largest remainder, so they add up to
 * the amount exactly.
 */
export function referenceBuildRefundPlan(input: BuildRefundPlanInput): RefundPlanDraft {
  const { order, ledger } = input
  const currency = order.currency_code
  const itemsById = new Map(order.items.map((item, position) => [item.id, { item, position }]))

  const lines = new Map<string, Omit<RefundPlanLine, "total">>()
  const units = input.units
    ? input.units.map((unit) => ({ ...unit, return_id: null }))
    : outstandingUnits(input.returns, ledger, input.return_id)
  for (const open of units) {
    const found = itemsById.get(open.line_item_id)
    if (!found) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${open.return_id ? `Return ${open.return_id}` : "The refund"} refers to line item ${open.line_item_id}, which order ${order.id} does not have`,
      )
    }
    const existing = lines.get(open.line_item_id)
    const quantity = (existing?.quantity ?? 0) + open.quantity
    const unit = unitAmounts(found.item)
    lines.set(open.line_item_id, {
      line_item_id: found.item.id,
      variant_id: found.item.variant_id ?? null,
      sku: found.item.variant_sku ?? null,
      title: found.item.title,
      position: found.position,
      quantity,
      unit_price_excl_tax: decimalString(unit.unit_price_excl_tax),
      unit_price_incl_tax: decimalString(unit.unit_price_incl_tax),
      tax_rate: decimalString(unit.tax_rate),
      discount_subtotal: decimalString(unit.discount_subtotal.times(quantity)),
      discount_total: decimalString(unit.discount_total.times(quantity)),
      total_exact: decimalString(unit.total.times(quantity)),
      returns: open.return_id
        ? { ...(existing?.returns ?? {}), [open.return_id]: open.quantity }
        : (existing?.returns ?? {}),
    })
  }

  const shipping: Array<Omit<RefundPlanShipping, "total">> = []
  if (input.shipping) {
    const wanted = Array.isArray(input.shipping) ? new Set(input.shipping) : null
    ;(order.shipping_methods ?? []).forEach((method, position) => {
      if (wanted && !wanted.has(method.id)) return
      const remaining = shippingTotal(method).minus(toDecimal(ledger.shipping[method.id] ?? 0))
      if (remaining.lte(0)) return
      shipping.push({
        shipping_method_id: method.id,
        name: method.name,
        position,
        tax_rate: decimalString(sumTaxRate(method.tax_lines)),
        total_exact: decimalString(remaining),
      })
    })
  }

  const orderedLines = [...lines.values()].sort((a, b) => a.position - b.position)
  const exactParts: Decimal[] = [
    ...orderedLines.map((l) => toDecimal(l.total_exact)),
    ...shipping.map((s) => toDecimal(s.total_exact)),
  ]
  const negative = [...orderedLines, ...shipping].find((part) =>
    toDecimal(part.total_exact).isNegative(),
  )
  if (negative) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${"line_item_id" in negative ? `Line ${negative.line_item_id}` : `Shipping ${negative.shipping_method_id}`} of order ${order.id} has a negative total (${negative.total_exact}); its discounts exceed its price`,
    )
  }
  const amountExact = exactParts.reduce((sum, part) => sum.plus(part), toDecimal(0))
  const amountMinor = toMinorUnits(amountExact, currency)
  const partsMinor =
    amountMinor === 0
      ? exactParts.map(() => 0)
      : allocateByLargestRemainder(amountMinor, exactParts)

  const labels = { order: displayLabel(order.display_id), returns: {} as Record<string, string> }
  const plan: RefundPlanDraft = {
    order_id: order.id,
    currency_code: currency.toLowerCase(),
    amount: fromMinorUnits(amountMinor, currency),
    amount_exact: decimalString(amountExact),
    return_ids: {},
    labels,
    lines: {},
    shipping: {},
  }
  const returnsById = new Map(input.returns.map((r) => [r.id, r]))
  orderedLines.forEach((line, index) => {
    plan.lines[line.line_item_id] = { ...line, total: fromMinorUnits(partsMinor[index], currency) }
    for (const returnId of Object.keys(line.returns)) {
      plan.return_ids[returnId] = true
      const label = displayLabel(returnsById.get(returnId)?.display_id)
      if (label) labels.returns[returnId] = label
    }
  })
  shipping.forEach((method, index) => {
    const minor = partsMinor[orderedLines.length + index]
    plan.shipping[method.shipping_method_id] = { ...method, total: fromMinorUnits(minor, currency) }
  })
  return plan
}

function displayLabel(displayId: number | string | null | undefined): string | null {
  return displayId == null || displayId === "" ? null : String(displayId)
}
