/**
 * The sandbox's currency rule: every amount has exactly 2 decimals. Currencies whose minor unit
 * is smaller than a cent cannot be represented that way, so orders in them are refused instead
 * of being rounded. (Zero-decimal currencies such as JPY fit and are accepted.)
 */
const MORE_THAN_TWO_DECIMALS: ReadonlySet<string> = new Set([
  "BHD",
  "IQD",
  "JOD",
  "KWD",
  "LYD",
  "OMR",
  "TND",
  "CLF",
  "UYW",
])

export function isCurrencyCode(value: string): boolean {
  return /^[A-Z]{3}$/.test(value)
}

export function fitsTwoDecimals(currency: string): boolean {
  return !MORE_THAN_TWO_DECIMALS.has(currency)
}
