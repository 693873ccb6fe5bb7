import { MedusaError } from "@medusajs/framework/utils"
import { RefundIntent } from "../../../core/provider-refunds"
import { fromMinorUnits, toDecimal, toMinorUnits } from "../../../core/money"
import { orderedPlanParts, RefundPlanLine, RefundPlanShipping } from "../../../core/refund-plan"
import { AmountRefundRequest, CartRefundRequest, MspItem } from "../api/requests"
import { MspCartItem, MspOrder } from "../api/schemas"
import { cartTotal, PricedItem, unitPriceString } from "../checkout/rounding-rule"
import { SHIPPING_ITEM_ID, ZERO_TAX_TABLE } from "../checkout/build-shopping-cart"
import { RefundConvention } from "../gateways"
import { gatewayAmountMinor } from "../../../gateway-kit/gateway-amount"
import {
  refundLineNotInGatewayCartMessage,
  refundLinesAmountMismatchMessage,
  refundLinesRoundToNothingMessage,
  refundRoundsToNothingMessage,
  refundShippingNotInGatewayCartMessage,
  refundTaxTableMissingMessage,
  refundUnitsLeftAtGatewayMessage,
} from "../../../core/messages"
import { orderTaxRates } from "./order-tax-rates"

/** How plan parts find their items in MultiSafepay's cart (see `resolveCartItems`). */
export interface CartItemResolver {
  /**
   * The merchant_item_id each order line was sold under (keyed by order line id); a line whose
   * item cannot be told is missing, with the reason in `unmatched`.
   */
  lineItemIds(lines: RefundPlanLine[]): {
    ids: Record<string, string>
    unmatched: Record<string, string>
  }
  /** the merchant_item_id the shipping method was sold under, or null */
  shippingItemId(shipping: RefundPlanShipping): string | null
  /** true when the plan refunds the shipping method's whole charge */
  isFullShipping(shipping: RefundPlanShipping): boolean
}

export interface MspRefundPlan {
  body: AmountRefundRequest | CartRefundRequest
  mode: "amount" | "cart"
  /** what MultiSafepay will refund, in minor units, by its own rules */
  expected_minor: number
  /** what Medusa asked for, rounded to minor units */
  requested_minor: number
}

/** MultiSafepay refunds at most this far from Medusa's figure before we refuse to call it. */
export const MAX_ROUNDING_DELTA_MINOR = 1
const MAX_DESCRIPTION = 200
const GATEWAY = "MultiSafepay"

/**
 * Turns a refund intent into MultiSafepay's refund request. Amount refunds for ordinary methods;
 * for pay-later methods the order's current cart plus one negative line per plan part (or one
 * "0"-rate line for an amount-only refund). Also works out what MultiSafepay will refund under its
 * rounding rule: a one-minor-unit difference from Medusa's amount is tolerated (and recorded by
 * the caller), anything more is refused before any call.
 */
export function buildRefundRequest(input: {
  intent: RefundIntent
  order: MspOrder
  payLater: boolean
  convention: RefundConvention
  resolver: CartItemResolver
}): MspRefundPlan {
  const { intent, order } = input
  const currency = order.currency
  const requestedMinor = gatewayAmountMinor(intent, currency)
  if (requestedMinor <= 0) {
    // MultiSafepay reads an amount of 0 as "refund everything".
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      refundRoundsToNothingMessage({
        gateway: GATEWAY,
        amount: toDecimal(intent.amount).toFixed(),
        currency_code: currency,
        smallest: fromMinorUnits(1, currency),
      }),
    )
  }
  if (!input.payLater) {
    const description = describeRefund(intent)
    return {
      mode: "amount",
      body: {
        currency,
        amount: requestedMinor,
        description,
        refund_order_id: intent.idempotency_key,
      },
      expected_minor: requestedMinor,
      requested_minor: requestedMinor,
    }
  }

  const current = (order.shopping_cart?.items ?? []).map(asRequestItem)
  const byLines =
    intent.kind === "lines" && intent.plan
      ? refundLines(intent, current, input.convention, input.resolver)
      : null
  const extra = byLines?.items ?? [amountLine(intent, requestedMinor, currency, input.convention)]
  const description = describeRefund(intent, byLines?.lines)

  const rates = orderTaxRates(order)
  for (const line of extra) {
    if (!rates.has(line.tax_table_selector)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        refundTaxTableMissingMessage({
          gateway: GATEWAY,
          order_id: String(order.order_id),
          tax_table: line.tax_table_selector,
          item_id: String(line.merchant_item_id),
        }),
      )
    }
  }
  const priced = (items: MspItem[]): PricedItem[] =>
    items.map((item) => ({
      unit_price: String(item.unit_price),
      quantity: item.quantity,
      rate: rates.get(item.tax_table_selector) ?? rates.get("") ?? "0",
    }))
  const before = cartTotal(priced(current))
  const after = cartTotal(priced([...current, ...extra]))
  const expectedMinor = toMinorUnits(before.minus(after), currency)
  if (expectedMinor <= 0) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, refundLinesRoundToNothingMessage(GATEWAY))
  }
  const delta = expectedMinor - requestedMinor
  if (Math.abs(delta) > MAX_ROUNDING_DELTA_MINOR) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      refundLinesAmountMismatchMessage({
        gateway: GATEWAY,
        would_refund: `${fromMinorUnits(expectedMinor, currency)} ${currency.toUpperCase()}`,
        asked: `${fromMinorUnits(requestedMinor, currency)} ${currency.toUpperCase()}`,
      }),
    )
  }
  return {
    mode: "cart",
    body: {
      checkout_data: { items: [...current, ...extra] },
      description,
      refund_order_id: intent.idempotency_key,
    },
    expected_minor: expectedMinor,
    requested_minor: requestedMinor,
  }
}

/** Resend the cart exactly as MultiSafepay holds it; only the price becomes a JSON number. */
function asRequestItem(item: MspCartItem): MspItem {
  return {
    ...item,
    name: item.name ?? "",
    description: item.description ?? "",
    unit_price: Number(item.unit_price),
    quantity: item.quantity,
    merchant_item_id: item.merchant_item_id,
    tax_table_selector: item.tax_table_selector ?? "",
  }
}

function refundLines(
  intent: RefundIntent,
  current: MspItem[],
  convention: RefundConvention,
  resolver: CartItemResolver,
): { items: MspItem[]; lines: RefundPlanLine[] } {
  const { lines: planLines, shipping } = orderedPlanParts(intent.plan!)
  const extra: MspItem[] = []
  const { ids, unmatched } = resolver.lineItemIds(planLines)
  // The order of the cart the shopper bought, not of Medusa's order lines (made in one instant,
  // they have no reliable order of their own).
  const cartIndex = (line: RefundPlanLine) => {
    const index = current.findIndex((i) => String(i.merchant_item_id) === ids[line.line_item_id])
    return index < 0 ? Number.MAX_SAFE_INTEGER : index
  }
  const lines = [...planLines].sort(
    (a, b) => cartIndex(a) - cartIndex(b) || a.position - b.position,
  )
  for (const line of lines) {
    const id = ids[line.line_item_id]
    const original = id ? originalItem(current, id) : null
    if (!id || !original) {
      const why = unmatched[line.line_item_id] ?? `no item "${id}" in the MultiSafepay cart`
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        refundLineNotInGatewayCartMessage({
          gateway: GATEWAY,
          title: line.title,
          line_item_id: line.line_item_id,
          why,
        }),
      )
    }
    const refundable = original.quantity - refundedQuantity(current, id)
    if (line.quantity > refundable) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        refundUnitsLeftAtGatewayMessage({
          gateway: GATEWAY,
          title: line.title,
          left: refundable,
          asked: line.quantity,
        }),
      )
    }
    extra.push(refundCopy(original, line.quantity, convention))
  }
  let shippingRefunds = current.filter((i) =>
    i.merchant_item_id.startsWith(`${SHIPPING_ITEM_ID}-r`),
  ).length
  for (const part of shipping) {
    const id = resolver.shippingItemId(part)
    const original = id ? originalItem(current, id) : null
    if (!original) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        refundShippingNotInGatewayCartMessage({ gateway: GATEWAY, name: part.name }),
      )
    }
    // The whole charge: mirror the original price exactly. A part: its ex-VAT share.
    const unit = resolver.isFullShipping(part)
      ? original.unit_price
      : Number(
          unitPriceString(toDecimal(part.total).div(toDecimal(part.tax_rate).div(100).plus(1))),
        )
    shippingRefunds += 1
    extra.push(
      refundCopy(
        {
          name: "Shipping refund",
          description: part.name,
          unit_price: unit,
          quantity: 1,
          merchant_item_id: `${SHIPPING_ITEM_ID}-r${shippingRefunds}`,
          tax_table_selector: original.tax_table_selector,
        },
        1,
        convention,
      ),
    )
  }
  return { items: extra, lines }
}

/** The sold item: the first positive line with that id (refund copies are negative). */
function originalItem(items: MspItem[], merchantItemId: string): MspItem | null {
  return (
    items.find(
      (i) => String(i.merchant_item_id) === merchantItemId && i.unit_price > 0 && i.quantity > 0,
    ) ?? null
  )
}

/** Units of an item already refunded: its negative copies in the current cart. */
function refundedQuantity(items: MspItem[], merchantItemId: string): number {
  return items
    .filter(
      (i) => String(i.merchant_item_id) === merchantItemId && (i.unit_price < 0 || i.quantity < 0),
    )
    .reduce((sum, i) => sum + Math.abs(i.quantity), 0)
}

/**
 * `quantity` units of `item` taken back, in the account's convention
 * (docs/gateways/multisafepay.md#pay-later-refund-conventions): the same line with a negative
 * quantity (MultiSafepay's current rule; a negative unit_price would cancel the order), or, for
 * a gateway on Klarna's convention, a negative unit_price.
 */
function refundCopy(item: MspItem, quantity: number, convention: RefundConvention): MspItem {
  return convention === "negative_unit_price"
    ? { ...item, unit_price: -item.unit_price, quantity }
    : { ...item, quantity: -quantity }
}

/** An amount-only refund of a pay-later order: one refund line at the "0" table. */
function amountLine(
  intent: RefundIntent,
  amountMinor: number,
  currency: string,
  convention: RefundConvention,
): MspItem {
  const line: MspItem = {
    name: "Refund",
    description: `Refund ${intent.refund_id}`,
    unit_price: Number(fromMinorUnits(amountMinor, currency)),
    quantity: 1,
    merchant_item_id: `refund-${intent.idempotency_key.slice(3, 15)}`,
    tax_table_selector: ZERO_TAX_TABLE,
  }
  return refundCopy(line, 1, convention)
}

/** "Return refund: 1× T-shirt M, 2× Mug" — what staff and the shopper see in MultiSafepay. */
export function describeRefund(intent: RefundIntent, inOrder?: RefundPlanLine[]): string {
  const plan = intent.plan
  if (!plan || intent.kind !== "lines") return `Refund ${intent.refund_id}`
  const { lines: planLines, shipping } = orderedPlanParts(plan)
  const lines = inOrder ?? planLines
  const parts = [
    ...lines.map((l) => `${l.quantity}× ${l.title}`),
    ...shipping.map((s) => `shipping (${s.name})`),
  ]
  const text = `Return refund: ${parts.join(", ")}`
  return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`
}
