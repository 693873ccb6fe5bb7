import { BigNumberInput } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { toDecimal } from "../../core/money"

export const CURRENCY = "JPY"

/**
 * Medusa's amount as whole yen (docs/gateways/smartpay.md#amounts): JPY only, and only when it
 * is whole (`1500`, `"1500.00"`); a fraction of a yen is an error, never a rounding. Exact
 * decimals throughout, no float arithmetic.
 */
export function wholeYen(amount: BigNumberInput, currencyCode: string): number {
  if (currencyCode.toUpperCase() !== CURRENCY) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Smartpay takes JPY only, not ${currencyCode.toUpperCase()}`,
    )
  }
  const value = toDecimal(amount)
  if (!value.isInteger() || value.isNegative() || !Number.isSafeInteger(value.toNumber())) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Smartpay takes whole yen: ${value.toFixed()} JPY is not`,
    )
  }
  return value.toNumber()
}
