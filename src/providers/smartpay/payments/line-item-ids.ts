import { CheckoutCart } from "../../../core/checkout-cart"
import { SmartpayLineItem, SmartpayOrder } from "../api/schemas"
import { LINE_ITEM_METADATA_KEY } from "../checkout/build-checkout-session"

/**
 * Smartpay's `li_…` id of each checkout cart line (`cali_…` → `li_…`), from the order read with
 * `?expand=all` (docs/gateways/smartpay.md#checkout-sessions-and-orders). Each item we sent
 * carries `metadata.medusa_line_item_id`, which Smartpay echoes on the order's line items: that
 * is the match. When the order's lines come without it (not expanded, metadata dropped), the
 * match is by position: our product items come first, in cart order (the promotions' and the
 * rounding discount lines follow them), and Smartpay keeps the order of the items it was sent.
 * Null when neither works.
 */
export function lineItemIdsOf(
  order: SmartpayOrder,
  cart: CheckoutCart | null,
): Record<string, string> | null {
  if (!cart) return null
  const expanded = order.lineItems.filter((l): l is SmartpayLineItem => typeof l !== "string")
  const byMetadata: Record<string, string> = {}
  for (const item of expanded) {
    const cartLineId = item.metadata?.[LINE_ITEM_METADATA_KEY]
    if (typeof cartLineId === "string" && cartLineId) byMetadata[cartLineId] = item.id
  }
  const cartLines = [...cart.lines].sort((a, b) => a.position - b.position)
  if (cartLines.every((line) => byMetadata[line.line_item_id])) return byMetadata

  const ids = order.lineItems.map((l) => (typeof l === "string" ? l : l.id))
  if (ids.length < cartLines.length) return null
  return Object.fromEntries(cartLines.map((line, index) => [line.line_item_id, ids[index]]))
}
