/**
 * POST /checkout-sessions and GET /checkout-sessions/{id}
 * (docs/gateways/smartpay.md#checkout-session-request): a session makes one order in
 * `requires_authorization`; the shopper finishes on the session's `url`.
 */
import { invalid, notFound, CODES } from "../errors"
import type { CaptureMethod } from "../sandbox-types"
import { newId } from "../state/ids"
import type { StoredOrder } from "../state/model"
import { renderCheckoutSession } from "../state/render"
import type { SandboxState } from "../state/sandbox-state"
import { itemsOf, itemsTotal, shippingInfoOf } from "./checkout-items"
import {
  absoluteUrl,
  isRecord,
  metadataOf,
  optionalString,
  requiredCurrency,
  requireBody,
  yenOf,
} from "./validation"

const CAPTURE_METHODS: readonly CaptureMethod[] = ["automatic", "manual"]

export function createCheckoutSession(state: SandboxState, raw: unknown, origin: string) {
  const body = requireBody(raw)
  const amount = yenOf(body.amount, "amount")
  requiredCurrency(body, "currency")
  // the Node SDK's misspelt "autommatic" is refused like any other value (doc)
  const captureMethod = (body.captureMethod ?? "automatic") as CaptureMethod
  if (!CAPTURE_METHODS.includes(captureMethod)) {
    throw invalid(`captureMethod must be one of ${CAPTURE_METHODS.join(", ")}`)
  }
  const items = itemsOf(body, state.config)
  const shipping = shippingInfoOf(body)
  if (state.config.checkItemsSum) {
    const total = itemsTotal(items, shipping.feeYen)
    if (total !== amount) {
      throw invalid(`items and shipping add up to ${total}, not the amount ${amount}`)
    }
  }
  if (body.customerInfo !== undefined && !isRecord(body.customerInfo)) {
    throw invalid("customerInfo must be an object")
  }
  const now = state.nowMs()
  const order: StoredOrder = {
    id: newId("order"),
    checkoutSessionId: newId("checkout"),
    status: "requires_authorization",
    amount,
    captureMethod,
    lineItems: items,
    shippingInfo: shipping.info,
    customerInfo: (body.customerInfo as Record<string, unknown> | undefined) ?? {},
    reference: optionalString(body, "reference"),
    description: optionalString(body, "description"),
    metadata: metadataOf(body),
    successUrl: absoluteUrl(body, "successUrl"),
    cancelUrl: absoluteUrl(body, "cancelUrl"),
    locale: optionalString(body, "locale"),
    paymentIds: [],
    remainderCanceled: false,
    createdAt: now,
    updatedAt: now,
    authorizedAt: null,
  }
  state.orders.set(order.id, order)
  state.checkoutSessions.set(order.checkoutSessionId, order.id)
  // ours: the create answer expands the order, so the caller has the li ids at once
  return { status: 200, body: renderCheckoutSession(state, order, origin, true) }
}

export function getCheckoutSession(
  state: SandboxState,
  id: string,
  origin: string,
  expand: boolean,
) {
  const orderId = state.checkoutSessions.get(id)
  const order = orderId === undefined ? undefined : state.orders.get(orderId)
  if (!order) throw notFound(CODES.checkoutSessionNotFound, `No checkout session ${id}`)
  return { status: 200, body: renderCheckoutSession(state, order, origin, expand) }
}
