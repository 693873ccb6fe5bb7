/**
 * How many decimals each currency's amounts carry (the kit's ISO 4217 table): the sandbox
 * refuses an amount with more (status code 31002, docs/gateways/worldline.md#amounts).
 */
export { currencyExponent as exponentOf, isCurrencyCode } from "../../kit/currency-exponents"
