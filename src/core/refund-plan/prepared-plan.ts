import { MedusaError } from "@medusajs/framework/utils"
// straight from the files, not the index: the index's re-exports are getters
import { allocateScaledByLargestRemainder } from "../money/allocate"
import { currencyExponent } from "../money/currency"
import { formatMinorUnits, toMinorUnits } from "../money/money"
import { pow10, ScaledDecimal, scaledPlus, scaledToString } from "../money/scaled-decimal"
import type { PlanLine } from "./plan-lines"
import type { PlanShipping } from "./plan-shipping"
import { OrderSnapshot, ReceivedReturnSnapshot, RefundPlanDraft } from "./types"

/**
 * A plan whose amount is known, checked as `buildRefundPlan` checks it, and whose draft (the
 * split of the amount over its lines, and its objects) is only made when asked for: the stock
 * button weighs two plans' amounts and keeps at most one of them.
 */
export interface PreparedPlan {
  /** rounded to the minor unit */
  amount: string
  amount_exact: string
  /** no units, no shipping */
  empty: boolean
  draft(): RefundPlanDraft
}

export function preparePlan(
  input: { order: OrderSnapshot; returns: ReceivedReturnSnapshot[] },
  lines: ReadonlyArray<PlanLine>,
  shipping: ReadonlyArray<PlanShipping>,
): PreparedPlan {
  const { order } = input
  const currency = order.currency_code
  const negative =
    lines.find((line) => line.exact.units < 0n) ?? shipping.find((s) => s.exact.units < 0n)
  if (negative) {
    const { fields } = negative
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${"line_item_id" in fields ? `Line ${fields.line_item_id}` : `Shipping ${fields.shipping_method_id}`} of order ${order.id} has a negative total (${fields.total_exact}); its discounts exceed its price`,
    )
  }
  let sum = linesSum(lines)
  for (const method of shipping) sum = scaledPlus(sum, method.exact)
  const amountExact = scaledToString(sum)
  const amountMinor = toMinorUnits(amountExact, currency)
  const exponent = currencyExponent(currency)
  const amount = formatMinorUnits(amountMinor, exponent)

  let draft: RefundPlanDraft | undefined
  return {
    amount,
    amount_exact: amountExact,
    empty: lines.length === 0 && shipping.length === 0,
    draft: () =>
      (draft ??= splitPlan(input, lines, shipping, { amount, amountExact, amountMinor, exponent })),
  }
}

const drafted = new WeakSet<ReadonlyArray<PlanLine>>()
const sums = new WeakMap<ReadonlyArray<PlanLine>, ScaledDecimal>()

/** The lines' exact totals added up, once per set of lines (the stock button prices two plans). */
function linesSum(lines: ReadonlyArray<PlanLine>): ScaledDecimal {
  let sum = sums.get(lines)
  if (sum) return sum
  const scale = lines.reduce((max, line) => Math.max(max, line.exact.scale), 0)
  let units = 0n
  for (const { exact } of lines) {
    units += exact.scale === scale ? exact.units : exact.units * pow10(scale - exact.scale)
  }
  sum = { units, scale }
  sums.set(lines, sum)
  return sum
}

/** The draft: the rounded amount split over lines and shipping by largest remainder. */
function splitPlan(
  input: { order: OrderSnapshot; returns: ReceivedReturnSnapshot[] },
  lines: ReadonlyArray<PlanLine>,
  shipping: ReadonlyArray<PlanShipping>,
  totals: { amount: string; amountExact: string; amountMinor: number; exponent: number },
): RefundPlanDraft {
  const { order } = input
  const { amountMinor, exponent } = totals
  const parts = [...lines, ...shipping]
  const partsMinor =
    amountMinor === 0
      ? parts.map(() => 0)
      : allocateScaledByLargestRemainder(
          amountMinor,
          parts.map((part) => part.exact),
        )

  const labels = { order: displayLabel(order.display_id), returns: {} as Record<string, string> }
  const plan: RefundPlanDraft = {
    order_id: order.id,
    currency_code: order.currency_code.toLowerCase(),
    amount: totals.amount,
    amount_exact: totals.amountExact,
    return_ids: {},
    labels,
    lines: {},
    shipping: {},
  }
  const returnsById = new Map(input.returns.map((r) => [r.id, r]))
  const seenReturns = new Set<string>()
  // The first draft of these lines takes their objects and gives them their totals; a second
  // one (the stock button weighs two plans of the same lines) copies them.
  const shared = drafted.has(lines)
  drafted.add(lines)
  lines.forEach(({ fields }, index) => {
    const total = formatMinorUnits(partsMinor[index], exponent)
    if (shared) {
      plan.lines[fields.line_item_id] = { ...fields, returns: { ...fields.returns }, total }
    } else {
      fields.total = total
      plan.lines[fields.line_item_id] = fields
    }
    // each return once, in the order the lines first name it
    for (const returnId of Object.keys(fields.returns)) {
      if (seenReturns.has(returnId)) continue
      seenReturns.add(returnId)
      plan.return_ids[returnId] = true
      const label = displayLabel(returnsById.get(returnId)?.display_id)
      if (label) labels.returns[returnId] = label
    }
  })
  shipping.forEach(({ fields }, index) => {
    const minor = partsMinor[lines.length + index]
    plan.shipping[fields.shipping_method_id] = {
      ...fields,
      total: formatMinorUnits(minor, exponent),
    }
  })
  return plan
}

function displayLabel(displayId: number | string | null | undefined): string | null {
  return displayId == null || displayId === "" ? null : String(displayId)
}
