import { decimalString, toDecimal } from "../money/decimal"
import {
  ScaledDecimal,
  scaledFrom,
  scaledFromString,
  scaledMinus,
  scaledToString,
} from "../money/scaled-decimal"
import type { BuildRefundPlanInput } from "./build-refund-plan"
import {
  bigNumberDivisionIsDefault,
  exactShippingTotal,
  TaxRatesCache,
  taxRatesCache,
} from "./exact-unit-amounts"
import { shippingTotal, sumTaxRate } from "./line-amounts"
import { RefundPlanShipping, ShippingMethodSnapshot } from "./types"

/** A shipping method a plan refunds, before the plan's rounding gives it its `total`. */
export interface PlanShipping {
  fields: Omit<RefundPlanShipping, "total">
  exact: ScaledDecimal
}

/** What is left of the order's shipping, for all methods or the listed ids. */
export function collectPlanShipping(
  input: Pick<BuildRefundPlanInput, "order" | "ledger" | "shipping">,
): PlanShipping[] {
  const shipping: PlanShipping[] = []
  if (!input.shipping) return shipping
  const wanted = Array.isArray(input.shipping) ? new Set(input.shipping) : null
  const exactIsMedusa = bigNumberDivisionIsDefault()
  const taxRates = taxRatesCache()
  ;(input.order.shipping_methods ?? []).forEach((method, position) => {
    if (wanted && !wanted.has(method.id)) return
    const refunded = input.ledger.shipping[method.id] ?? 0
    const exact = exactIsMedusa ? exactShipping(method, refunded, taxRates) : null
    const left = exact ?? medusaShipping(method, refunded)
    if (!left) return
    shipping.push({
      fields: {
        shipping_method_id: method.id,
        name: method.name,
        position,
        tax_rate: left.tax_rate,
        total_exact: left.total_exact,
      },
      exact: left.exact,
    })
  })
  return shipping
}

interface ShippingLeft {
  tax_rate: string
  total_exact: string
  exact: ScaledDecimal
}

/** What is left of a method, exactly; undefined when Medusa's functions must answer. */
function exactShipping(
  method: ShippingMethodSnapshot,
  refunded: string | number,
  taxRates: TaxRatesCache,
): ShippingLeft | null | undefined {
  const total = exactShippingTotal(method, taxRates)
  const paid = scaledFrom(refunded)
  if (!total || !paid) return undefined
  const remaining = scaledMinus(total.total, paid)
  if (remaining.units <= 0n) return null
  return {
    tax_rate: scaledToString(total.tax_rate),
    total_exact: scaledToString(remaining),
    exact: remaining,
  }
}

/** The same through Medusa's totals and decimals, failing where they fail; null when nothing is left. */
function medusaShipping(
  method: ShippingMethodSnapshot,
  refunded: string | number,
): ShippingLeft | null {
  const remaining = shippingTotal(method).minus(toDecimal(refunded))
  if (remaining.lte(0)) return null
  const tax_rate = decimalString(sumTaxRate(method.tax_lines))
  const total_exact = decimalString(remaining)
  return { tax_rate, total_exact, exact: scaledFromString(total_exact)! }
}
