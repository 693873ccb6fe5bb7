import { toDecimal } from "../../../core/money"
import { MspOrder } from "../api/schemas"

/**
 * Tax table name → rate (fraction, e.g. "0.21") as the order defines them; the key "" holds the
 * default rate, which applies to items without a selector.
 */
export function orderTaxRates(order: MspOrder): Map<string, string> {
  const options = order.checkout_options
  const tables = options?.alternate ?? options?.tax_tables?.alternate ?? []
  const rates = new Map<string, string>()
  for (const table of tables) {
    const rate = table.rules[0]?.rate
    if (rate != null) rates.set(table.name, toDecimal(rate).toFixed())
  }
  const fallback = (options as { default?: { rate?: unknown } } | null | undefined)?.default?.rate
  rates.set("", fallback != null ? toDecimal(fallback as string).toFixed() : "0")
  return rates
}
