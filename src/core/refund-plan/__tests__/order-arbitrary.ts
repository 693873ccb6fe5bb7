import fc from "fast-check"
import {
  currencyExponent,
  Decimal,
  fromMinorUnits,
  Rounding,
  toDecimal,
  toMinorUnits,
} from "../../money"
import { OrderItemSnapshot, OrderSnapshot } from "../types"

/** Random orders as Medusa stores them: mixed tax rates, inclusive prices, discounts. */
export const CURRENCIES = ["eur", "jpy", "kwd"] as const

const taxRate = fc.constantFrom("0", "5", "6", "9", "10", "19", "20", "21", "8.875", "7.7")

function money(currency: string, maxMinor: number) {
  return fc.integer({ min: 1, max: maxMinor }).map((minor) => fromMinorUnits(minor, currency))
}

/**
 * `percent` of an amount, rounded down to the minor unit; of its net part (without tax at
 * `netOfRate` percent) when given, since Medusa never discounts more than the net amount.
 */
function percentOf(
  amount: Decimal,
  percent: number,
  currency: string,
  netOfRate?: Decimal,
): string {
  const base = netOfRate ? amount.div(netOfRate.div(100).plus(1)) : amount
  return fromMinorUnits(
    toMinorUnits(base.times(percent).div(100), currency, Rounding.DOWN),
    currency,
  )
}

function item(currency: string): fc.Arbitrary<OrderItemSnapshot> {
  const scale = 10 ** currencyExponent(currency)
  return fc
    .record({
      unit: money(currency, 500 * scale),
      quantity: fc.integer({ min: 1, max: 6 }),
      inclusive: fc.boolean(),
      rates: fc.array(taxRate, { minLength: 0, maxLength: 2 }),
      // share of the line total taken off by a promotion, in percent of the line
      discountPercent: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
      discountInclusive: fc.boolean(),
    })
    .map(({ unit, quantity, inclusive, rates, discountPercent, discountInclusive }) => {
      const lineTotal = toDecimal(unit).times(quantity)
      // Medusa never discounts more than a line's net amount: for a discount given excluding tax
      // on a tax-inclusive price, that is the price without its tax.
      const rateSum = rates.reduce((sum, rate) => sum.plus(rate), toDecimal(0))
      const adjustments =
        discountPercent === undefined
          ? []
          : [
              {
                amount: percentOf(
                  lineTotal,
                  discountPercent,
                  currency,
                  inclusive && !discountInclusive ? rateSum : undefined,
                ),
                is_tax_inclusive: discountInclusive,
                code: "PROMO",
              },
            ]
      return {
        id: "",
        title: "",
        quantity,
        unit_price: unit,
        is_tax_inclusive: inclusive,
        tax_lines: rates.map((rate) => ({ rate, code: `T${rate}` })),
        adjustments,
      }
    })
}

/** Mostly small orders, some large ones up to `max` lines, so 10k runs stay quick. */
function itemsArbitrary(currency: string, max: number): fc.Arbitrary<OrderItemSnapshot[]> {
  const lines = (maxLength: number) =>
    fc.array(item(currency), { minLength: 1, maxLength: Math.min(maxLength, max), size: "max" })
  return fc
    .oneof(
      { weight: 30, arbitrary: lines(10) },
      { weight: 6, arbitrary: lines(50) },
      { weight: 1, arbitrary: lines(max) },
    )
    .map((items) =>
      items.map((it, index) => ({
        ...it,
        id: `ordli_${index}`,
        title: `Item ${index}`,
        variant_id: `variant_${index}`,
        variant_sku: `SKU-${index}`,
      })),
    )
}

export function orderArbitrary(maxLines = 200): fc.Arbitrary<OrderSnapshot> {
  return fc.constantFrom(...CURRENCIES).chain((currency) =>
    fc
      .tuple(
        itemsArbitrary(currency, maxLines),
        fc.array(
          fc.record({
            amount: money(currency, 30 * 10 ** currencyExponent(currency)),
            rate: taxRate,
            inclusive: fc.boolean(),
            // free-shipping style promotions: a share of the shipping price, in percent
            discountPercent: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
          }),
          { maxLength: 2 },
        ),
      )
      .map(([items, shipping]) => ({
        id: "order_1",
        currency_code: currency,
        items,
        shipping_methods: shipping.map((s, i) => ({
          id: `ordsm_${i}`,
          name: `Shipping ${i}`,
          amount: s.amount,
          is_tax_inclusive: s.inclusive,
          tax_lines: [{ rate: s.rate }],
          adjustments:
            s.discountPercent === undefined
              ? []
              : [
                  {
                    amount: percentOf(
                      toDecimal(s.amount),
                      s.discountPercent,
                      currency,
                      s.inclusive ? toDecimal(s.rate) : undefined,
                    ),
                  },
                ],
        })),
      })),
  )
}
