import { parseItem, ParsedItem, toCartItem } from "../cart/cart-items"
import { cartTotals, describeTotals } from "../cart/cart-totals"
import { rateForLine } from "../cart/tax-tables"
import { ErrorCode, mspError } from "../errors"
import { isPayLaterGateway, RefundConvention, refundConventionFor } from "../gateways"
import { formatFixed } from "../money/fixed-point"
import { CartItem, StoredOrder, UNIT_PRICE_SCALE } from "../state/order-model"
import { isActiveRefund } from "../state/order-status"
import { SandboxState } from "../state/sandbox-state"
import { CancelPlan, DUPLICATE_WINDOW_MS, RefundPlan } from "./refund-plan"
import { isRecord } from "./request-fields"

const price = (value: bigint) => formatFixed(value, UNIT_PRICE_SCALE)

function describeLine(line: {
  merchantItemId: string | number
  unitPrice: bigint
  quantity: number
  taxTableSelector: string | null
}): string {
  const selector = line.taxTableSelector === null ? "none" : `"${line.taxTableSelector}"`
  return `{merchant_item_id "${String(line.merchantItemId)}", unit_price ${price(line.unitPrice)}, quantity ${line.quantity}, tax_table_selector ${selector}}`
}

function sameLine(stored: CartItem, sent: ParsedItem): boolean {
  return (
    String(stored.merchantItemId) === sent.key &&
    stored.unitPrice === sent.unitPrice &&
    stored.quantity === sent.quantity &&
    stored.taxTableSelector === sent.taxTableSelector
  )
}

function signatureOf(items: ParsedItem[]): string {
  return items
    .map((item) => `${item.key}|${item.unitPrice}|${item.quantity}|${item.taxTableSelector ?? ""}`)
    .sort()
    .join("\n")
}

/**
 * Splits the request into the order's current cart (every stored line, unchanged; names may
 * differ) and the extra lines, which are the refund. Greedy matching is exact because lines
 * only match when all compared fields are equal.
 */
function extraLines(cart: CartItem[], sent: ParsedItem[]): ParsedItem[] {
  const unused = [...sent]
  for (const stored of cart) {
    const index = unused.findIndex((item) => sameLine(stored, item))
    if (index === -1) {
      throw mspError(
        ErrorCode.GENERIC,
        `checkout_data must contain the order's current cart: line ${describeLine(stored)} is missing or changed (build the request from GET /orders/{id}, including earlier refund lines)`,
      )
    }
    unused.splice(index, 1)
  }
  return unused
}

function conventionText(convention: RefundConvention, original: CartItem): string {
  const p = price(original.unitPrice)
  const negativePrice = `unit_price ${price(-original.unitPrice)} with quantity ≥ 1 (negative unit_price)`
  const negativeQuantity = `unit_price ${p} with quantity ≤ -1 (negative quantity)`
  if (convention === "negative_unit_price") return negativePrice
  if (convention === "negative_quantity") return negativeQuantity
  return `${negativePrice}, or ${negativeQuantity}`
}

/** Whether a line written in these forms is one the gateway's convention accepts. */
function followsConvention(
  convention: RefundConvention,
  forms: { negativePrice: boolean; negativeQuantity: boolean },
): boolean {
  if (convention === "negative_unit_price") return forms.negativePrice
  if (convention === "negative_quantity") return forms.negativeQuantity
  return forms.negativePrice || forms.negativeQuantity
}

/**
 * A line reversing an original line: same selector, and the gateway's convention. Returns the
 * number of units it refunds. Both forms keep the sold line's unit_price in absolute value (the
 * pages say "the exact same unit_price").
 */
function checkReversal(
  order: StoredOrder,
  line: ParsedItem,
  original: CartItem,
  convention: RefundConvention,
): number {
  if (line.taxTableSelector !== original.taxTableSelector) {
    throw mspError(
      ErrorCode.GENERIC,
      `Refund line for merchant_item_id "${line.key}" must use the original line's tax_table_selector (${original.taxTableSelector ?? "none"}), got ${line.taxTableSelector ?? "none"}`,
    )
  }
  const forms = {
    negativePrice: line.unitPrice === -original.unitPrice && line.quantity >= 1,
    negativeQuantity: line.unitPrice === original.unitPrice && line.quantity <= -1,
  }
  if (!followsConvention(convention, forms)) {
    const gateway = order.gateway ?? "this payment method"
    throw mspError(
      ErrorCode.GENERIC,
      `Refund line for merchant_item_id "${line.key}" is not a valid copy of the original line for ${gateway} (refund convention ${convention}): expected ${conventionText(convention, original)}, got unit_price ${price(line.unitPrice)} with quantity ${line.quantity}`,
    )
  }
  return Math.abs(line.quantity)
}

/**
 * A new line (an amount-only refund, not a copy of a sold line) follows the same convention:
 * a positive unit_price with a negative quantity, or under the Klarna convention a negative
 * unit_price with a positive quantity.
 */
function checkNewLine(line: ParsedItem, where: string, convention: RefundConvention): void {
  const forms = {
    negativePrice: line.unitPrice < 0n && line.quantity >= 1,
    negativeQuantity: line.unitPrice > 0n && line.quantity <= -1,
  }
  if (!followsConvention(convention, forms)) {
    const expected =
      convention === "negative_unit_price"
        ? "a negative unit_price and a positive quantity"
        : convention === "negative_quantity"
          ? "a positive unit_price and a negative quantity"
          : "a negative unit_price or a negative quantity"
    throw mspError(
      ErrorCode.GENERIC,
      `A new refund line (${where}) must have ${expected} (refund convention ${convention})`,
    )
  }
}

/**
 * The current "pay later refund" page: on a pay-later order, "if you enter a negative
 * unit_price, the order is cancelled". So where the gateway takes negative quantities, the
 * first refund line with a negative unit_price turns the request into a cancellation.
 */
function cancellingLine(
  order: StoredOrder,
  extras: ParsedItem[],
  convention: RefundConvention,
): CancelPlan | null {
  if (!isPayLaterGateway(order.gateway) || convention !== "negative_quantity") return null
  return extras.some((extra) => extra.unitPrice < 0n) ? { kind: "cancel" } : null
}

/** Units of each original line already refunded by the refund lines now in the cart. */
function refundedUnits(cart: CartItem[], originals: Map<string, CartItem>): Map<string, number> {
  const units = new Map<string, number>()
  for (const line of cart) {
    const key = String(line.merchantItemId)
    if (line.refundId !== null && originals.has(key)) {
      units.set(key, (units.get(key) ?? 0) + Math.abs(line.quantity))
    }
  }
  return units
}

/** A repeat of an earlier cart refund's exact items within 5 minutes is a duplicate (1034). */
function refuseReplay(state: SandboxState, order: StoredOrder, signature: string): void {
  const now = state.now().getTime()
  const replayed = order.refunds.find(
    (refund) =>
      isActiveRefund(refund) &&
      refund.requestSignature === signature &&
      now - refund.created.getTime() < DUPLICATE_WINDOW_MS,
  )
  if (replayed) {
    throw mspError(
      ErrorCode.CANNOT_REFUND,
      `Cannot refund transaction: the same amount was refunded within 5 minutes (this request repeats refund ${replayed.id})`,
    )
  }
}

/**
 * checkout_data refund (docs/gateways/multisafepay.md#refund-by-shopping-cart,
 * docs/gateways/multisafepay.md#rounding): the current cart plus extra lines that each either
 * reverse units of an original line, or add a new negative line at one of the order's tax tables.
 * The refund amount is the cart total before minus after, both by the rounding rule.
 */
export function planCartRefund(
  state: SandboxState,
  order: StoredOrder,
  body: Record<string, unknown>,
): RefundPlan | CancelPlan {
  if (order.cart === null || order.taxTables === null) {
    throw mspError(
      ErrorCode.GENERIC,
      "This order has no shopping cart: refund it with currency and amount",
    )
  }
  if (body.currency !== undefined && body.currency !== order.currency) {
    throw mspError(
      ErrorCode.INVALID_CURRENCY,
      `Invalid currency: the order currency is ${order.currency}`,
    )
  }
  const checkout = body.checkout_data
  const rawItems = isRecord(checkout) ? checkout.items : undefined
  if (!Array.isArray(rawItems) || rawItems.length === 0) {
    throw mspError(ErrorCode.GENERIC, "checkout_data.items must be a non-empty array")
  }
  const sent = rawItems.map((raw: unknown, index) =>
    parseItem(raw, `checkout_data.items[${index}]`, order.currency, ErrorCode.GENERIC),
  )
  const signature = signatureOf(sent)
  refuseReplay(state, order, signature)

  const extras = extraLines(order.cart, sent)
  if (extras.length === 0) {
    throw mspError(
      ErrorCode.GENERIC,
      "checkout_data contains no refund lines: it equals the order's current cart",
    )
  }
  const convention = refundConventionFor(order.gateway, state.config)
  const cancel = cancellingLine(order, extras, convention)
  if (cancel) return cancel
  const originals = new Map(
    order.cart
      .filter((line) => line.refundId === null)
      .map((line) => [String(line.merchantItemId), line]),
  )
  const inCart = new Set(order.cart.map((line) => String(line.merchantItemId)))
  const newIds = new Set<string>()
  const units = refundedUnits(order.cart, originals)
  const tables = order.taxTables

  const lines = extras.map((line) => {
    const where = `refund line merchant_item_id "${line.key}"`
    if (line.unitPrice * BigInt(line.quantity) >= 0n) {
      throw mspError(
        ErrorCode.GENERIC,
        `Refund lines must lower the cart total: ${where} has unit_price ${price(line.unitPrice)} × quantity ${line.quantity}`,
      )
    }
    const original = originals.get(line.key)
    if (original) {
      const refunded = (units.get(line.key) ?? 0) + checkReversal(order, line, original, convention)
      if (refunded > original.quantity) {
        throw mspError(
          ErrorCode.CANNOT_REFUND,
          `Cannot refund transaction: ${refunded} units of merchant_item_id "${line.key}" would be refunded, but only ${original.quantity} were ordered`,
        )
      }
      units.set(line.key, refunded)
      return toCartItem(line, original.rate, null)
    }
    if (inCart.has(line.key) || newIds.has(line.key)) {
      throw mspError(
        ErrorCode.GENERIC,
        `merchant_item_id "${line.key}" is already used in the order's cart; a new refund line needs its own merchant_item_id`,
      )
    }
    checkNewLine(line, where, convention)
    newIds.add(line.key)
    return toCartItem(line, rateForLine(tables, line.taxTableSelector, line.key, where), null)
  })

  const before = cartTotals(order.cart, order.currency)
  const after = cartTotals([...order.cart, ...lines], order.currency)
  const amount = before.totalMinor - after.totalMinor
  if (amount <= 0n) {
    throw mspError(
      ErrorCode.GENERIC,
      `The refund lines do not lower the cart total: before ${describeTotals(before, order.currency)}, after ${describeTotals(after, order.currency)}`,
    )
  }
  return { kind: "refund", amount: Number(amount), lines, signature }
}
