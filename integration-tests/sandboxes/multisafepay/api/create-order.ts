import { randomBytes } from "node:crypto"
import { parseOrderCart } from "../cart/cart-items"
import { cartTotals, describeTotals } from "../cart/cart-totals"
import { parseTaxTables } from "../cart/tax-tables"
import { ErrorCode, mspError } from "../errors"
import { isPayLaterGateway } from "../gateways"
import { minorToFixed } from "../money/currency"
import { formatFixed } from "../money/fixed-point"
import { CartItem, StoredOrder, TaxTables } from "../state/order-model"
import { SandboxState } from "../state/sandbox-state"
import {
  isHttpUrl,
  isMinorAmount,
  isRecord,
  optionalString,
  orderIdField,
  requireBody,
} from "./request-fields"

const ORDER_TYPES = new Set(["redirect", "direct", "paymentlink"])

function paymentOptions(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw mspError(ErrorCode.GENERIC, "payment_options is required")
  if (!isHttpUrl(value.notification_url)) {
    throw mspError(
      ErrorCode.GENERIC,
      "payment_options.notification_url must be an http(s) URL (required by this sandbox)",
    )
  }
  const method = value.notification_method
  if (method !== undefined && method !== "POST" && method !== "GET") {
    throw mspError(ErrorCode.GENERIC, 'payment_options.notification_method must be "POST" or "GET"')
  }
  for (const field of ["redirect_url", "cancel_url"]) {
    if (value[field] !== undefined && !isHttpUrl(value[field])) {
      throw mspError(ErrorCode.GENERIC, `payment_options.${field} must be an http(s) URL`)
    }
  }
  return value
}

function positiveIntegerField(body: Record<string, unknown>, field: string): void {
  const value = body[field]
  if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) > 0)) {
    throw mspError(ErrorCode.GENERIC, `${field} must be a positive integer`)
  }
}

function orderCountry(body: Record<string, unknown>): string | undefined {
  for (const holder of [body.delivery, body.customer]) {
    if (isRecord(holder) && typeof holder.country === "string" && holder.country !== "") {
      return holder.country
    }
  }
  return undefined
}

interface CartPart {
  cart: CartItem[] | null
  taxTables: TaxTables | null
  taxTablesView: Record<string, unknown> | null
}

/**
 * Cart and tax tables: required for pay-later gateways, validated whenever present, and the
 * cart total under the rounding rule must equal the order amount (1027).
 */
function cartPart(
  body: Record<string, unknown>,
  gateway: string | null,
  currency: string,
  amount: number,
): CartPart {
  const hasCart = body.shopping_cart !== undefined && body.shopping_cart !== null
  const checkout = body.checkout_options
  const hasTables =
    isRecord(checkout) && checkout.tax_tables !== undefined && checkout.tax_tables !== null
  if (isPayLaterGateway(gateway) && (!hasCart || !hasTables)) {
    throw mspError(
      ErrorCode.CART_NOT_VALIDATED,
      `Cart data not validated: gateway ${gateway} requires shopping_cart and checkout_options.tax_tables`,
    )
  }
  const taxTables = hasTables
    ? parseTaxTables((checkout as Record<string, unknown>).tax_tables, orderCountry(body), gateway)
    : null
  if (!hasCart) {
    return { cart: null, taxTables, taxTablesView: hasTables ? taxTablesView(checkout) : null }
  }
  // a cart without tax tables: every line is untaxed and no selector can be valid
  const tables = taxTables ?? { defaultRate: null, shippingTaxed: true, alternates: new Map() }
  const cart = parseOrderCart(body.shopping_cart, currency, tables)
  const totals = cartTotals(cart, currency)
  if (totals.totalMinor !== BigInt(amount)) {
    const orderMajor = formatFixed(minorToFixed(BigInt(amount), currency, 2), 2)
    throw mspError(
      ErrorCode.CART_AMOUNT_MISMATCH,
      `Cart amount must equal order amount: cart total ${describeTotals(totals, currency)} (${totals.totalMinor} minor units) but amount is ${amount} (${orderMajor} ${currency})`,
    )
  }
  return { cart, taxTables: tables, taxTablesView: hasTables ? taxTablesView(checkout) : null }
}

/**
 * GET returns checkout_options without the tax_tables wrapper
 * (docs/gateways/multisafepay.md#sandbox-rules).
 */
function taxTablesView(checkout: unknown): Record<string, unknown> {
  const tables = (checkout as Record<string, unknown>).tax_tables as Record<string, unknown>
  return structuredClone(tables)
}

export interface CreateOrderResult {
  order_id: string
  payment_url: string
  session_id: string
}

export function createOrder(
  state: SandboxState,
  rawBody: unknown,
  origin: string,
): CreateOrderResult {
  const body = requireBody(rawBody)
  if (typeof body.type !== "string" || !ORDER_TYPES.has(body.type)) {
    throw mspError(ErrorCode.GENERIC, 'type must be "redirect", "direct" or "paymentlink"')
  }
  const orderId = orderIdField(body.order_id, "order_id")
  if (typeof body.currency !== "string" || !/^[A-Z]{3}$/.test(body.currency)) {
    throw mspError(
      ErrorCode.INVALID_CURRENCY,
      "Invalid currency: a 3-letter upper-case ISO code is required",
    )
  }
  const currency = body.currency
  if (!isMinorAmount(body.amount) || body.amount <= 0) {
    throw mspError(
      ErrorCode.INVALID_AMOUNT,
      "Invalid amount: a positive integer in minor units (cents) is required",
    )
  }
  const amount = body.amount
  const description = optionalString(body, "description", 200)
  if (description === null || description === "") {
    throw mspError(ErrorCode.GENERIC, "description is required")
  }
  if (
    body.gateway !== undefined &&
    body.gateway !== null &&
    (typeof body.gateway !== "string" || body.gateway === "")
  ) {
    throw mspError(ErrorCode.GENERIC, "gateway must be a gateway code such as IDEAL or KLARNA")
  }
  const gateway = typeof body.gateway === "string" ? body.gateway : null
  if (body.capture !== undefined && body.capture !== "manual") {
    throw mspError(ErrorCode.GENERIC, 'capture must be "manual" when given')
  }
  positiveIntegerField(body, "seconds_active")
  positiveIntegerField(body, "days_active")
  const options = paymentOptions(body.payment_options)
  const vars: Record<string, unknown> = {}
  for (const field of ["var1", "var2", "var3"]) {
    const value = optionalString(body, field, 1000)
    if (value !== null) vars[field] = value
  }
  const { cart, taxTables, taxTablesView: view } = cartPart(body, gateway, currency, amount)
  // checked last so a rejected request never reserves the id
  if (state.isOrderIdTaken(orderId)) throw mspError(ErrorCode.GENERIC, "Order ID already exists")

  const now = state.now()
  const order: StoredOrder = {
    orderId,
    transactionId: state.nextId(),
    sessionId: randomBytes(12).toString("hex"),
    type: body.type,
    gateway,
    currency,
    amount,
    description,
    manualCapture: body.capture === "manual",
    captureRemain: null,
    paymentStatus: "initialized",
    shipment: null,
    created: now,
    modified: now,
    customer: structuredClone(body.customer),
    delivery: structuredClone(body.delivery),
    paymentOptions: structuredClone(options),
    vars,
    cart,
    taxTables,
    taxTablesView: view,
    refunds: [],
    captures: [],
  }
  state.orders.set(orderId, order)
  return {
    order_id: orderId,
    payment_url: `${origin}/pay/${encodeURIComponent(orderId)}`,
    session_id: order.sessionId,
  }
}
