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

/**
 * Unit prices go out with 10 decimals: fewer breaks the totals
 * (docs/gateways/multisafepay.md#checkout-cart-and-tax-tables).
 */
export const UNIT_PRICE_DECIMALS = 10

export function unitPriceString(
  value: Decimal | string,
  rounding: Rounding = Rounding.HALF_UP,
): string {
  return toDecimal(value).decimalPlaces(UNIT_PRICE_DECIMALS, rounding).toFixed()
}

/**
 * Unit prices of a new order are rounded UP at the 10th decimal, never to nearest: the cart's
 * items and VAT totals then never fall below their exact values, so a VAT total that is exactly
 * half a cent still rounds up, as Medusa's own half-up total does. Rounded to nearest, carts whose
 * VAT ends in exactly half a cent came out a cent short and were refused (1027): 4 of 5,000 random
 * Dutch carts (seed 42, the property test's generator); rounded up, none.
 */
export function orderUnitPrice(value: Decimal | string): number {
  return Number(unitPriceString(value, Rounding.UP))
}
