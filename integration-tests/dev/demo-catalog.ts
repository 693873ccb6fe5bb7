import { currencyExponent } from "../../src/core/money"
import type { DemoProduct } from "../../src/gateway-kit/descriptor"

/**
 * What the demo shop sells, in every market's currency at the same figures (those of the
 * README's worked examples; in a currency without decimals the same digits, see `demoAmount`):
 * prices exclude tax, except in markets whose shelf prices include it (Japan); the book carries the market's reduced rate where
 * it has one. Amounts are decimal strings; they become JSON numbers only in the body of the
 * Medusa route that takes them (`apiAmount`).
 */
export const DEMO_PRODUCTS: Readonly<
  Record<DemoProduct, { title: string; sku: string; price: string; description: string }>
> = {
  shirt: { title: "Shirt", sku: "SHIRT-1", price: "25.00", description: "A plain cotton shirt." },
  mug: { title: "Mug", sku: "MUG-1", price: "12.10", description: "A stoneware mug." },
  book: { title: "Book", sku: "BOOK-1", price: "40.00", description: "A paperback novel." },
}

export const DEMO_SHIPPING = { name: "Standard", price: "4.95", code: "standard" } as const

/** units in stock per product and warehouse */
export const DEMO_STOCK = 100

/** the promotion's value on the book lines, in the market's currency */
export const DEMO_PROMOTION_VALUE = "10.00"

/** The names the demo shop is found by in the admin. */
export const DEMO_SHOP_NAME = "Demo web shop"

/**
 * A catalog figure as the amount Medusa's admin routes take in `currency`: the figure itself
 * (25.00 EUR), or its digits in a currency without decimals (2500 JPY), so yen prices are whole.
 */
export function demoAmount(figure: string, currency: string): number {
  const amount = apiAmount(figure)
  return currencyExponent(currency) === 0 ? Number(figure.replace(".", "")) : amount
}

/** Medusa's admin routes take amounts as JSON numbers (major units). */
export function apiAmount(decimal: string): number {
  if (!/^\d+(\.\d+)?$/.test(decimal)) throw new Error(`not a decimal amount: "${decimal}"`)
  return Number(decimal)
}
