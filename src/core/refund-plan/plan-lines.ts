import { MedusaError } from "@medusajs/framework/utils"
import { decimalString } from "../money/decimal"
// straight from the file, not the index: the index's re-exports are getters, and this runs per line
import {
  ScaledDecimal,
  scaledFromString,
  scaledTimes,
  scaledToString,
} from "../money/scaled-decimal"
import type { BuildRefundPlanInput } from "./build-refund-plan"
import {
  bigNumberDivisionIsDefault,
  ExactUnitAmounts,
  exactUnitAmounts,
  taxRatesCache,
} from "./exact-unit-amounts"
import { UnitAmounts, unitAmounts, wholeQuantity } from "./line-amounts"
import { forEachOutstandingUnit } from "./outstanding-units"
import { OrderItemSnapshot, RefundPlanLine } from "./types"

/**
 * A plan line with its exact total. `fields` is the plan's line object itself, its `total`
 * still "" until the plan's rounding gives it one (../prepared-plan.ts): one object a line.
 */
export interface PlanLine {
  fields: RefundPlanLine
  exact: ScaledDecimal
}

interface LineState {
  item: OrderItemSnapshot
  position: number
  quantity: number
  returns: Record<string, number>
  /** per unit, exactly as Medusa computes it, when its figures are plain decimals */
  exact: ExactUnitAmounts | null
  /** per unit, from Medusa's own functions, when `exact` is not enough */
  medusa: UnitAmounts | null
  /** the line's strings, when they had to be made from `medusa` (see `lineFields`) */
  fields: RefundPlanLine | null
}

/**
 * The units a plan refunds, one line per order line, in the order's own line order: the
 * received returns' outstanding units (or the units staff chose), priced per unit once per line
 * however many returns it comes back in.
 */
export function collectPlanLines(
  input: Pick<BuildRefundPlanInput, "order" | "returns" | "ledger" | "return_id" | "units">,
): PlanLine[] {
  const { order } = input
  // id → position (the last, for an id listed twice, as a Map built from pairs keeps)
  const positions = new Map<string, number>()
  order.items.forEach((item, position) => positions.set(item.id, position))
  const exactIsMedusa = bigNumberDivisionIsDefault()
  const taxRates = taxRatesCache()
  const states = new Map<string, LineState>()
  const take = (returnId: string | null, lineId: string, quantity: number) => {
    const position = positions.get(lineId)
    if (position === undefined) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${returnId ? `Return ${returnId}` : "The refund"} refers to line item ${lineId}, which order ${order.id} does not have`,
      )
    }
    let state = states.get(lineId)
    if (!state) {
      const item = order.items[position]
      // The checks `unitAmounts` makes, in its order, so a bad line fails with the same error.
      const ordered = orderedQuantity(item)
      const exact = exactIsMedusa ? exactUnitAmounts(item, ordered, taxRates) : null
      state = {
        item,
        position,
        quantity: 0,
        returns: {},
        exact,
        medusa: exact ? null : unitAmounts(item),
        fields: null,
      }
      states.set(lineId, state)
    }
    state.quantity += quantity
    if (returnId) defineKey(state.returns, returnId, quantity)
    // A whole number of units times exact amounts cannot fail, so the strings can wait for the
    // line's last unit; any other quantity (only a direct caller's `units` can bring one) is
    // priced now, through Medusa's decimals, failing where it always failed.
    state.fields = state.exact && Number.isSafeInteger(state.quantity) ? null : medusaFields(state)
  }
  if (input.units) {
    const chosen = input.units.map((unit) => ({ ...unit, return_id: null }))
    for (const unit of chosen) take(unit.return_id, unit.line_item_id, unit.quantity)
  } else forEachOutstandingUnit(input.returns, input.ledger, input.return_id, take)

  const byPosition: Array<LineState | undefined> = new Array(order.items.length)
  for (const state of states.values()) byPosition[state.position] = state
  const lines: PlanLine[] = []
  for (const state of byPosition) {
    if (!state) continue
    if (state.fields) {
      lines.push({ fields: state.fields, exact: scaledFromString(state.fields.total_exact)! })
    } else lines.push(exactLine(state, state.exact!))
  }
  return lines
}

/** `wholeQuantity` of the ordered quantity, its error message written only when it is needed. */
function orderedQuantity(item: OrderItemSnapshot): number {
  const { quantity } = item
  if (typeof quantity === "number" && Number.isSafeInteger(quantity) && quantity > 0) {
    return quantity
  }
  return wholeQuantity(quantity, `Quantity of order line ${item.id}`)
}

/**
 * object[key] = value as an object literal's computed key would set it, an own property even
 * for "__proto__" (where an assignment would set the prototype). Far cheaper than spreading the
 * object into a new one for each of the line's returns, as this did before.
 */
function defineKey(object: Record<string, number>, key: string, value: number) {
  if (key === "__proto__") {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  } else object[key] = value
}

function exactLine(state: LineState, unit: ExactUnitAmounts): PlanLine {
  const quantity: ScaledDecimal = { units: BigInt(state.quantity), scale: 0 }
  const exact = timesUnits(unit.total, quantity)
  return {
    fields: lineFields(state, {
      unit_price_excl_tax: scaledToString(unit.unit_price_excl_tax),
      unit_price_incl_tax: scaledToString(unit.unit_price_incl_tax),
      tax_rate: unit.tax_rate_text,
      discount_subtotal: scaledToString(timesUnits(unit.discount_subtotal, quantity)),
      discount_total: scaledToString(timesUnits(unit.discount_total, quantity)),
      total_exact: scaledToString(exact),
    }),
    exact,
  }
}

function timesUnits(perUnit: ScaledDecimal, quantity: ScaledDecimal): ScaledDecimal {
  return quantity.units === 1n || perUnit.units === 0n ? perUnit : scaledTimes(perUnit, quantity)
}

/** The line's strings from Medusa's decimals, made (and failing) in the order they always were. */
function medusaFields(state: LineState): RefundPlanLine {
  const unit = (state.medusa ??= unitAmounts(state.item))
  return lineFields(state, {
    unit_price_excl_tax: decimalString(unit.unit_price_excl_tax),
    unit_price_incl_tax: decimalString(unit.unit_price_incl_tax),
    tax_rate: decimalString(unit.tax_rate),
    discount_subtotal: decimalString(unit.discount_subtotal.times(state.quantity)),
    discount_total: decimalString(unit.discount_total.times(state.quantity)),
    total_exact: decimalString(unit.total.times(state.quantity)),
  })
}

type Amounts = Pick<
  RefundPlanLine,
  | "unit_price_excl_tax"
  | "unit_price_incl_tax"
  | "tax_rate"
  | "discount_subtotal"
  | "discount_total"
  | "total_exact"
>

function lineFields(state: LineState, amounts: Amounts): RefundPlanLine {
  const { item } = state
  // spelt out, not spread: this runs once per line
  return {
    line_item_id: item.id,
    variant_id: item.variant_id ?? null,
    sku: item.variant_sku ?? null,
    title: item.title,
    position: state.position,
    quantity: state.quantity,
    unit_price_excl_tax: amounts.unit_price_excl_tax,
    unit_price_incl_tax: amounts.unit_price_incl_tax,
    tax_rate: amounts.tax_rate,
    discount_subtotal: amounts.discount_subtotal,
    discount_total: amounts.discount_total,
    total_exact: amounts.total_exact,
    returns: state.returns,
    total: "",
  }
}
