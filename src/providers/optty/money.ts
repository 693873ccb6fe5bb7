import { MedusaError } from "@medusajs/framework/utils"
import { currencyExponent, fromMinorUnits } from "../../core/money"

/**
 * Optty takes amounts with at most 2 decimals (docs/gateways/optty.md#refund-amounts-and-limits):
 * currencies with 3 cannot be paid.
 */
export function assertOpttyCurrency(currency: string): void {
  if (currencyExponent(currency) > 2) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Optty cannot take ${currency.toUpperCase()} amounts: it accepts at most 2 decimals`,
    )
  }
}

/**
 * Minor units → the JSON number Optty expects (24.98). The number is built from the exact
 * decimal text, and JSON.stringify prints the shortest text that reads back as the same double,
 * which for ≤ 2 decimals and < 2^53 minor units is that very text: no float arithmetic is done.
 */
export function opttyNumber(minor: number, currency: string): number {
  return Number(fromMinorUnits(minor, currency))
}
