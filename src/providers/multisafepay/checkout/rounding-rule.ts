import { Decimal, Rounding, toDecimal } from "../../../core/money"

/** A cart line as MultiSafepay prices it: ex-VAT unit price × quantity at a tax rate (fraction). */
export interface PricedItem {
  unit_price: string
  quantity: number
  /** e.g. "0.21" */
  rate: string
}

/**
 * MultiSafepay's documented rounding rule: the items total and the VAT total are each rounded
 * half-up to 2 decimals, and the cart total is their sum. Amounts at creation must equal it
 * (error 1027), and a cart refund refunds the difference of two such totals.
 */
export function cartTotal(items: PricedItem[]): Decimal {
  let itemsTotal = toDecimal(0)
  let vatTotal = toDecimal(0)
  for (const item of items) {
    const line = toDecimal(item.unit_price).times(item.quantity)
    itemsTotal = itemsTotal.plus(line)
    vatTotal = vatTotal.plus(line.times(toDecimal(item.rate)))
  }
  return itemsTotal
    .decimalPlaces(2, Rounding.HALF_UP)
    .plus(vatTotal.decimalPlaces(2, Rounding.HALF_UP))
}

/** Unit prices go out with 10 decimals: fewer breaks the totals (research §2f). */
export const UNIT_PRICE_DECIMALS = 10

export function unitPriceString(value: Decimal | string): string {
  return toDecimal(value).decimalPlaces(UNIT_PRICE_DECIMALS, Rounding.HALF_UP).toFixed()
}
