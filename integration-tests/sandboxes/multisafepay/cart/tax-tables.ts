import { ErrorCode, mspError } from "../errors"
import { BILLINK_RATES_PERCENT } from "../gateways"
import { parseFixed } from "../money/fixed-point"
import { RATE_SCALE, TaxTables } from "../state/order-model"

/** The documented rate format "#.##": one integer digit, up to two decimals (0.21, 0.09, 0). */
const RATE_FORMAT = /^\d(\.\d{1,2})?$/

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/** A tax rate as a fraction at scale 2, or error 1028. */
export function parseRate(value: unknown, where: string): bigint {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value : ""
  const parsed = parseFixed(value, RATE_SCALE)
  if (!RATE_FORMAT.test(text) || !parsed.ok || parsed.value > 100n) {
    throw mspError(
      ErrorCode.TAX_RATE_FORMAT,
      `Invalid tax rate format at ${where}: ${JSON.stringify(value)} (expected a fraction "#.##" between 0 and 1, e.g. 0.21)`,
    )
  }
  return parsed.value
}

/**
 * Picks the rule for the order's country: a rule naming the country, else one without a country,
 * else the first rule (MultiSafepay does not document how it chooses:
 * docs/gateways/multisafepay.md#undocumented-behaviour-and-our-assumptions).
 */
function ruleForCountry(
  rules: Record<string, unknown>[],
  country: string | undefined,
): Record<string, unknown> {
  const named = (rule: Record<string, unknown>) =>
    typeof rule.country === "string" && rule.country !== ""
  const wanted = country?.toUpperCase()
  return (
    rules.find((rule) => named(rule) && String(rule.country).toUpperCase() === wanted) ??
    rules.find((rule) => !named(rule)) ??
    rules[0]
  )
}

/**
 * Validates checkout_options.tax_tables and resolves every table to the one rate that applies to
 * this order. Billink's fixed list of rates is enforced here (1029).
 */
export function parseTaxTables(
  taxTables: unknown,
  country: string | undefined,
  gateway: string | null,
): TaxTables {
  if (!isRecord(taxTables)) {
    throw mspError(ErrorCode.CART_NOT_VALIDATED, "checkout_options.tax_tables must be an object")
  }
  const result: TaxTables = { defaultRate: null, shippingTaxed: true, alternates: new Map() }
  const allRates: bigint[] = []

  if (taxTables.default !== undefined && taxTables.default !== null) {
    if (!isRecord(taxTables.default)) {
      throw mspError(ErrorCode.CART_NOT_VALIDATED, "tax_tables.default must be an object")
    }
    result.defaultRate = parseRate(taxTables.default.rate, "tax_tables.default.rate")
    allRates.push(result.defaultRate)
    if (taxTables.default.shipping_taxed !== undefined) {
      if (typeof taxTables.default.shipping_taxed !== "boolean") {
        throw mspError(
          ErrorCode.CART_NOT_VALIDATED,
          "tax_tables.default.shipping_taxed must be a boolean",
        )
      }
      result.shippingTaxed = taxTables.default.shipping_taxed
    }
  }

  const alternates = taxTables.alternate ?? []
  if (!Array.isArray(alternates)) {
    throw mspError(ErrorCode.CART_NOT_VALIDATED, "tax_tables.alternate must be an array")
  }
  alternates.forEach((table: unknown, index) => {
    const where = `tax_tables.alternate[${index}]`
    if (!isRecord(table)) throw mspError(ErrorCode.CART_NOT_VALIDATED, `${where} must be an object`)
    const name = typeof table.name === "number" ? String(table.name) : table.name
    if (typeof name !== "string" || name === "") {
      throw mspError(ErrorCode.CART_NOT_VALIDATED, `${where}.name is required`)
    }
    if (result.alternates.has(name)) {
      throw mspError(ErrorCode.CART_NOT_VALIDATED, `Duplicate tax table name "${name}"`)
    }
    if (!Array.isArray(table.rules) || table.rules.length === 0 || !table.rules.every(isRecord)) {
      throw mspError(
        ErrorCode.CART_NOT_VALIDATED,
        `${where}.rules must be a non-empty array of objects`,
      )
    }
    const rules = table.rules as Record<string, unknown>[]
    const rates = rules.map((rule, ruleIndex) =>
      parseRate(rule.rate, `${where}.rules[${ruleIndex}].rate`),
    )
    allRates.push(...rates)
    result.alternates.set(name, rates[rules.indexOf(ruleForCountry(rules, country))])
  })

  if (gateway === "BILLINK") {
    const refused = allRates.find((rate) => !BILLINK_RATES_PERCENT.includes(rate))
    if (refused !== undefined) {
      throw mspError(
        ErrorCode.INCORRECT_TAX_RATE,
        `Incorrect item tax rate: Billink accepts only 0, 5, 6, 7, 9, 16, 19, 20 and 21 % (got ${refused} %)`,
      )
    }
  }
  return result
}

/** "" and null mean "no selector", like an absent field. */
export function normalizeSelector(value: unknown): string | null | undefined {
  if (value === undefined || value === null || value === "") return null
  if (typeof value === "string") return value
  if (typeof value === "number") return String(value)
  return undefined
}

export const SHIPPING_ITEM_ID = "msp-shipping"

/**
 * The rate a line is taxed at: its alternate table, else the default table (0 % for the
 * shipping line when the default says shipping is untaxed, 0 % when there is no default).
 * Throws 1029 for a selector that names no table of the order.
 */
export function rateForLine(
  tables: TaxTables,
  selector: string | null,
  merchantItemId: string,
  where: string,
): bigint {
  if (selector !== null) {
    const rate = tables.alternates.get(selector)
    if (rate === undefined) {
      const known = [...tables.alternates.keys()].map((name) => `"${name}"`).join(", ") || "none"
      throw mspError(
        ErrorCode.INCORRECT_TAX_RATE,
        `Incorrect item tax rate: ${where} has tax_table_selector "${selector}", which is not in the order's alternate tax tables (${known})`,
      )
    }
    return rate
  }
  if (merchantItemId === SHIPPING_ITEM_ID && !tables.shippingTaxed) return 0n
  return tables.defaultRate ?? 0n
}
