import { getLineItemTotals, getShippingMethodTotals, MathBN } from "@medusajs/framework/utils"
import { Decimal, toDecimal } from "../money"
import { OrderItemSnapshot, ShippingMethodSnapshot, TaxLineSnapshot } from "./types"

/** Per-unit amounts of an order line, before any return, derived with Medusa's own totals. */
export interface UnitAmounts {
  quantity: number
  unit_price_excl_tax: Decimal
  unit_price_incl_tax: Decimal
  tax_rate: Decimal
  discount_subtotal: Decimal
  discount_total: Decimal
  /** what one returned unit takes off the order total: Medusa's owed amount per unit */
  total: Decimal
}

export function sumTaxRate(taxLines: TaxLineSnapshot[] | null | undefined): Decimal {
  return (taxLines ?? []).reduce((sum, line) => sum.plus(toDecimal(line.rate)), toDecimal(0))
}

/** Quantities are mostly plain counts: those need no decimal. */
const COUNT_TEXT = /^\d{1,15}$/

export function wholeQuantity(value: unknown, what: string): number {
  // the same answer bignumber.js gives for these (`Object.is`: it counts -0 as negative)
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) {
    if (!Object.is(value, -0)) return value
  } else if (typeof value === "string" && COUNT_TEXT.test(value)) return Number(value)
  const quantity = toDecimal(value as never)
  if (!quantity.isInteger() || quantity.isNegative()) {
    throw new RangeError(`${what} must be a whole number of units, got ${quantity.toFixed()}`)
  }
  return quantity.toNumber()
}

/**
 * Medusa computes an order's total from each line's current quantity (ordered minus received
 * and dismissed returns); receiving a return lowers the total by the line's full-quantity net
 * total per unit. We run Medusa's `getLineItemTotals` on the line as ordered, so the plan owes
 * exactly what Medusa's `pending_difference` says, for any mix of tax-inclusive prices,
 * tax lines and adjustments.
 */
export function unitAmounts(item: OrderItemSnapshot): UnitAmounts {
  const quantity = wholeQuantity(item.quantity, `Quantity of order line ${item.id}`)
  const totals = getLineItemTotals(
    {
      id: item.id,
      unit_price: item.unit_price as never,
      quantity: item.quantity as never,
      is_tax_inclusive: !!item.is_tax_inclusive,
      tax_lines: (item.tax_lines ?? []).map((t) => ({ rate: t.rate })) as never,
      adjustments: (item.adjustments ?? []).map((a) => ({
        amount: a.amount,
        is_tax_inclusive: !!a.is_tax_inclusive,
      })) as never,
    },
    { includeTax: !!item.is_tax_inclusive },
  )
  const perUnit = (value: unknown) =>
    quantity === 0 ? toDecimal(0) : clampDivisionNoise(MathBN.div(value as never, quantity))
  return {
    quantity,
    unit_price_excl_tax: perUnit(totals.subtotal),
    unit_price_incl_tax: perUnit(totals.original_total),
    tax_rate: sumTaxRate(item.tax_lines),
    discount_subtotal: perUnit(totals.discount_subtotal),
    discount_total: perUnit(totals.discount_total),
    total: perUnit(totals.total),
  }
}

/**
 * Medusa divides with 20 decimal places, so a fully discounted line can come out at -1e-20.
 * Anything that small is zero; real negatives stay negative and are refused by the plan.
 */
const DIVISION_NOISE = toDecimal("1e-12")
function clampDivisionNoise(value: Decimal): Decimal {
  return value.isNegative() && value.abs().lt(DIVISION_NOISE) ? toDecimal(0) : value
}

/** A shipping method's total as Medusa computes it (after discounts, including tax). */
export function shippingTotal(method: ShippingMethodSnapshot): Decimal {
  const totals = getShippingMethodTotals(
    {
      id: method.id,
      amount: method.amount as never,
      is_tax_inclusive: !!method.is_tax_inclusive,
      tax_lines: (method.tax_lines ?? []).map((t) => ({ rate: t.rate })) as never,
      adjustments: (method.adjustments ?? []).map((a) => ({ amount: a.amount })) as never,
    },
    { includeTax: !!method.is_tax_inclusive },
  )
  return clampDivisionNoise(toDecimal(totals.total as never))
}
