import { CheckoutCart, matchPlanLines } from "../../../core/checkout-cart"
import { sameAmountInCurrency } from "../../../core/money"
import { MultiSafepayData } from "../payment-data"
import { CartItemResolver } from "./build-refund-request"

/**
 * Finds the MultiSafepay cart items of a plan's parts: order line → checkout line (by content,
 * see matchPlanLines) → the merchant_item_id it was sold under (kept in the payment data).
 */
export function cartItemResolver(
  msp: MultiSafepayData,
  cart: CheckoutCart | null | undefined,
): CartItemResolver {
  const itemIdOf = (kind: "line" | "shipping", id: string) =>
    Object.entries(msp.item_refs ?? {}).find(
      ([, ref]) => ref.kind === kind && ref.id === id,
    )?.[0] ?? null

  return {
    lineItemIds(lines) {
      const ids: Record<string, string> = {}
      const unmatched: Record<string, string> = {}
      if (!cart) {
        for (const line of lines) unmatched[line.line_item_id] = "the payment has no checkout cart"
        return { ids, unmatched }
      }
      for (const match of Object.values(matchPlanLines(lines, cart.lines))) {
        if (match.status === "unmatched") {
          unmatched[match.line_item_id] = match.reason
          continue
        }
        const itemId = itemIdOf("line", match.checkout_line.line_item_id)
        if (itemId) ids[match.line_item_id] = itemId
        else unmatched[match.line_item_id] = "its checkout line was not sent to MultiSafepay"
      }
      return { ids, unmatched }
    },
    // Orders have one shipping method per checkout method, in order: match by position.
    shippingItemId(shipping) {
      const method = cart?.shipping.find((m) => m.position === shipping.position)
      return method ? itemIdOf("shipping", method.shipping_method_id) : null
    },
    isFullShipping(shipping) {
      const method = cart?.shipping.find((m) => m.position === shipping.position)
      return (
        !!method && sameAmountInCurrency(method.total, shipping.total_exact, cart!.currency_code)
      )
    },
  }
}
