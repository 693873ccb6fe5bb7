/**
 * The sandbox's currency rule: every amount has exactly 2 decimals. Currencies whose minor unit
 * is smaller than a cent (the kit's ISO 4217 table) cannot be represented that way, so orders in
 * them are refused instead of being rounded. (Zero-decimal currencies such as JPY fit.)
 */
import { currencyExponent } from "../../kit/currency-exponents"

export { isCurrencyCode } from "../../kit/currency-exponents"

export function fitsTwoDecimals(currency: string): boolean {
  return currencyExponent(currency) <= 2
}
