import { createRawPropertiesFromBigNumber, decorateCartTotals } from "@medusajs/framework/utils"
import { CartSnapshot } from ".."

/**
 * The cart total exactly as Medusa's cart module reports it (`raw_total`): its own
 * `decorateCartTotals` on a copy of the snapshot, an independent path from `buildCheckoutCart`.
 */
export function medusaCartTotal(snapshot: CartSnapshot): string {
  const cart: Record<string, any> = {
    id: snapshot.id,
    currency_code: snapshot.currency_code,
    items: snapshot.items.map((item) => ({
      id: item.id,
      unit_price: item.unit_price,
      quantity: item.quantity,
      is_tax_inclusive: !!item.is_tax_inclusive,
      tax_lines: (item.tax_lines ?? []).map((t) => ({ rate: t.rate })),
      adjustments: (item.adjustments ?? []).map((a) => ({
        amount: a.amount,
        is_tax_inclusive: !!a.is_tax_inclusive,
      })),
    })),
    shipping_methods: (snapshot.shipping_methods ?? []).map((method) => ({
      id: method.id,
      amount: method.amount,
      is_tax_inclusive: !!method.is_tax_inclusive,
      tax_lines: (method.tax_lines ?? []).map((t) => ({ rate: t.rate })),
      adjustments: (method.adjustments ?? []).map((a) => ({ amount: a.amount })),
    })),
    credit_lines: (snapshot.credit_lines ?? []).map((line) => ({ amount: line.amount })),
  }
  createRawPropertiesFromBigNumber(decorateCartTotals(cart as never))
  return cart.raw_total.value as string
}

/** The snapshot with `total` set to what Medusa reports for it. */
export function withMedusaTotal(snapshot: Omit<CartSnapshot, "total">): CartSnapshot {
  const withZero = { ...snapshot, total: "0" } as CartSnapshot
  return { ...withZero, total: medusaCartTotal(withZero) }
}
