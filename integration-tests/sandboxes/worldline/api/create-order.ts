/**
 * POST …/orders/{orderId}: creates the order and starts the payment
 * (docs/gateways/worldline.md#orders-and-payments). Fields are checked first (400), then the
 * order id's novelty (409 11001); the answer is 201, the order plus the hosted page's URL.
 */
import { randomBytes } from "node:crypto"
import { duplicate, invalidInput, STATUS } from "../errors"
import { formatMinor, sumMinor } from "../money/amounts"
import type { StoredLineItem, StoredOrder } from "../state/order-model"
import { renderOrder } from "../state/render-order"
import type { SandboxState } from "../state/sandbox-state"
import { orderChanged } from "../notifications/notifications"
import {
  amountOf,
  isRecord,
  minorOf,
  optionalString,
  requireBody,
  requiredString,
  type Body,
} from "./validation"

/** ours: the payment session id, or it with -2, -3, … (docs/gateways/worldline.md#orders-and-payments) */
export const ORDER_ID = /^[A-Za-z0-9_-]{1,50}$/
export const PAY_PATH = "/pay"

function lineItemsOf(body: Body, currency: string): StoredLineItem[] {
  const raw = body.lineItems
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) throw invalidInput("lineItems must be an array")
  return raw.map((item: unknown, index) => {
    const field = `lineItems[${index}]`
    if (!isRecord(item)) throw invalidInput(`${field} must be an object`)
    const quantity = item.quantity
    if (typeof quantity !== "number" || !Number.isSafeInteger(quantity) || quantity < 1) {
      throw invalidInput(`${field}.quantity must be a positive integer`)
    }
    const taxRate = item.taxRate
    if (taxRate !== undefined && taxRate !== null && typeof taxRate !== "number") {
      throw invalidInput(`${field}.taxRate must be a number`)
    }
    return {
      sku: optionalString(item, "sku") ?? null,
      description: requiredString(item, "description"),
      quantity,
      unitAmountMinor: minorOf(item.unitAmount, `${field}.unitAmount`, currency, false),
      // a line may be free after discounts: 0 is allowed
      totalAmountMinor: minorOf(item.totalAmount, `${field}.totalAmount`, currency, false),
      taxRate: typeof taxRate === "number" ? taxRate : null,
    }
  })
}

function paymentMethodOf(body: Body): number {
  const value = body.paymentMethodId ?? 1000
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw invalidInput("paymentMethodId must be a positive integer")
  }
  return value
}

function returnUrlOf(body: Body): string {
  const value = requiredString(body, "returnUrl")
  try {
    new URL(value)
  } catch {
    throw invalidInput("returnUrl must be an absolute URL")
  }
  return value
}

export function createOrder(state: SandboxState, orderId: string, raw: unknown, origin: string) {
  if (!ORDER_ID.test(orderId)) {
    throw invalidInput("orderId must be 1 to 50 characters of A-Z, a-z, 0-9, _ and -")
  }
  const body = requireBody(raw)
  const amount = amountOf(body.amount, "amount")
  const transactionChannel = requiredString(body, "transactionChannel")
  const paymentMethodId = paymentMethodOf(body)
  if (body.autoCapture !== undefined && typeof body.autoCapture !== "boolean") {
    throw invalidInput("autoCapture must be a boolean")
  }
  const returnUrl = returnUrlOf(body)
  const orderDescription = optionalString(body, "orderDescription", 100) ?? null
  const lineItems = lineItemsOf(body, amount.currency)
  if (state.config.checkLineTotals && lineItems.length > 0) {
    const lines = sumMinor(lineItems.map((line) => line.totalAmountMinor))
    if (lines !== amount.minor) {
      throw invalidInput(
        `lineItems add up to ${formatMinor(lines, amount.currency)}, not the amount ${formatMinor(amount.minor, amount.currency)}`,
        STATUS.lineTotals,
      )
    }
  }
  if (state.orders.has(orderId)) throw duplicate(`Order ${orderId} already exists`)

  const creq = randomBytes(24).toString("base64url")
  const order: StoredOrder = {
    mid: state.config.merchantId,
    orderId,
    orderState: "Registered",
    paymentMethodId,
    currency: amount.currency,
    orderAmountMinor: amount.minor,
    transactionChannel,
    autoCapture: body.autoCapture === true,
    returnUrl,
    orderDescription,
    lineItems,
    transactions: [],
    creq,
    createdAt: state.nowIso(),
  }
  state.orders.set(orderId, order)
  state.creqs.set(creq, orderId)
  orderChanged(state, order)
  return {
    status: 201,
    body: {
      ...renderOrder(order, state.isPartialCapture(order)),
      redirectUrl: `${origin}${PAY_PATH}/?creq=${encodeURIComponent(creq)}`,
    },
  }
}
