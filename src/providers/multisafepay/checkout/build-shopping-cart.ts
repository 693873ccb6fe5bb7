import { MedusaError } from "@medusajs/framework/utils"
import { CheckoutCart } from "../../../core/checkout-cart"
import { fromMinorUnits, toDecimal, toMinorUnits } from "../../../core/money"
import { MspItem, MspTaxTable } from "../api/requests"
import { cartTotal, orderUnitPrice } from "./rounding-rule"

/** Which checkout line a MultiSafepay cart item stands for: kept in the payment data. */
export interface CartItemRef {
  kind: "line" | "shipping"
  /** CheckoutCartLine.line_item_id or CheckoutCartShipping.shipping_method_id */
  id: string
  position: number
}

export interface MspShoppingCart {
  items: MspItem[]
  tax_tables: { default: { shipping_taxed: boolean; rate: number }; alternate: MspTaxTable[] }
  /** merchant_item_id → checkout line; refunds find their items through it */
  item_refs: Record<string, CartItemRef>
}

/**
 * MultiSafepay marks the shipping line by this id
 * (docs/gateways/multisafepay.md#shipping-and-amount-only-lines).
 */
export const SHIPPING_ITEM_ID = "msp-shipping"
/** Refund lines for amounts and anything else without a rate go on this table: always defined. */
export const ZERO_TAX_TABLE = "0"
/** merchant_item_ids stay short: Klarna refuses long references */
const MAX_ITEM_ID_LENGTH = 24

/** "21" for 21 %, "5.5" for 5.5 %: the table names MultiSafepay's own plugins use. */
export function taxTableName(ratePercent: string): string {
  return toDecimal(ratePercent).toFixed()
}

/**
 * The shopping cart and tax tables of a pay-later order, from the server-computed checkout cart:
 * ex-VAT unit prices with 10 decimals (discounts already folded in), one tax table per rate plus
 * a "0" table (refund lines need it later, and refunds cannot add tables), unique short
 * merchant_item_ids, shipping as `msp-shipping`. The cart must come to the payment amount
 * under MultiSafepay's rounding rule, or MultiSafepay refuses the order (1027): checked here,
 * before any call.
 */
export function buildShoppingCart(cart: CheckoutCart, amountMinor: number): MspShoppingCart {
  const items: MspItem[] = []
  const itemRefs: Record<string, CartItemRef> = {}
  const rates = new Set<string>([ZERO_TAX_TABLE])
  const usedIds = new Set<string>()

  const sortedLines = [...cart.lines].sort((a, b) => a.position - b.position)
  sortedLines.forEach((line, index) => {
    const id = uniqueItemId(line.sku, `L${index + 1}`, usedIds)
    const table = taxTableName(line.tax_rate)
    rates.add(table)
    items.push({
      name: line.title,
      description: "",
      unit_price: orderUnitPrice(line.unit_price_excl_tax),
      quantity: line.quantity,
      merchant_item_id: id,
      tax_table_selector: table,
    })
    itemRefs[id] = { kind: "line", id: line.line_item_id, position: line.position }
  })

  const sortedShipping = [...cart.shipping].sort((a, b) => a.position - b.position)
  sortedShipping.forEach((method, index) => {
    const id = index === 0 ? SHIPPING_ITEM_ID : `${SHIPPING_ITEM_ID}-${index + 1}`
    usedIds.add(id)
    const table = taxTableName(method.tax_rate)
    rates.add(table)
    items.push({
      name: method.name,
      description: "Shipping",
      unit_price: orderUnitPrice(method.amount_excl_tax),
      quantity: 1,
      merchant_item_id: id,
      tax_table_selector: table,
    })
    itemRefs[id] = { kind: "shipping", id: method.shipping_method_id, position: method.position }
  })

  const alternate: MspTaxTable[] = [...rates]
    .sort((a, b) => toDecimal(a).comparedTo(toDecimal(b)) ?? 0)
    .map((name) => ({
      name,
      standalone: true,
      rules: [{ rate: toDecimal(name).div(100).toNumber() }],
    }))

  const total = cartTotal(
    items.map((item) => ({
      unit_price: String(item.unit_price),
      quantity: item.quantity,
      rate: toDecimal(item.tax_table_selector).div(100).toFixed(),
    })),
  )
  const totalMinor = toMinorUnits(total, cart.currency_code)
  if (totalMinor !== amountMinor) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `MultiSafepay would total this cart at ${total.toFixed(2)} under its rounding rule, but the payment is ${fromMinorUnits(amountMinor, cart.currency_code)} ${cart.currency_code.toUpperCase()}; the order was not sent`,
    )
  }
  return {
    items,
    tax_tables: { default: { shipping_taxed: true, rate: 0 }, alternate },
    item_refs: itemRefs,
  }
}

/** The SKU when it is short and unused, else a positional id: unique within the cart. */
function uniqueItemId(sku: string | null, fallback: string, used: Set<string>): string {
  const candidate = sku && sku.length <= MAX_ITEM_ID_LENGTH && !used.has(sku) ? sku : fallback
  const id = used.has(candidate) ? `${fallback}-${used.size + 1}` : candidate
  used.add(id)
  return id
}
