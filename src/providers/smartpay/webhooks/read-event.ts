import { ProviderWebhookPayload } from "@medusajs/framework/types"
import { PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import { fromMinorUnits } from "../../../core/money"
import { GatewayWebhookResult, paymentActionFor, WebhookRejected } from "../../../gateway-kit"
import { SmartpayOrder, SmartpayPayment } from "../api/schemas"
import { SmartpayClient } from "../api/smartpay-client"
import { CURRENCY } from "../checkout/build-checkout-session"
import { capturedYen } from "../payments/capture-cancel"
import { refundReport } from "../refunds/refund-report"
import { paymentStatus } from "../statuses"
import { verifyWebhookSignature } from "./verify-signature"

/** The events acted on (docs/gateways/smartpay.md#webhooks); others are verified and ignored. */
export const HANDLED_EVENTS = [
  "order.authorized",
  "order.rejected",
  "order.canceled",
  "payment.created",
  "refund.created",
] as const

const ID = (kind: string) => new RegExp(`^${kind}_(test|live)_[0-9a-zA-Z]+$`)

export interface WebhookSettings {
  signingSecret: string | undefined
  subscriptionIds?: readonly string[]
  toleranceMs: number
}

/** The body as JSON, from the raw bytes that were verified. */
function eventOf(raw: Buffer | string): { type: string; data: Record<string, unknown> } {
  let body: unknown
  try {
    body = JSON.parse(typeof raw === "string" ? raw : raw.toString("utf8"))
  } catch {
    throw new WebhookRejected("signed body is not JSON")
  }
  const eventData = (body as { eventData?: { type?: unknown; data?: unknown } })?.eventData
  if (
    typeof eventData?.type !== "string" ||
    !eventData.data ||
    typeof eventData.data !== "object"
  ) {
    throw new WebhookRejected("signed body is not a Smartpay event")
  }
  return { type: eventData.type, data: eventData.data as Record<string, unknown> }
}

/** The order an event is about: its id in the event, or through the payment it names. */
async function orderIdOf(
  client: SmartpayClient,
  event: { type: string; data: Record<string, unknown> },
): Promise<string | null> {
  const text = (value: unknown, kind: string) =>
    typeof value === "string" && ID(kind).test(value) ? value : null
  if (event.type.startsWith("order.")) return text(event.data.id, "order")
  if (event.type === "payment.created") return text(event.data.order, "order")
  if (event.type === "refund.created") {
    const paymentId = text(event.data.payment, "payment")
    return paymentId ? (await client.readPayment(paymentId)).order : null
  }
  return null
}

/**
 * A Smartpay webhook (docs/gateways/smartpay.md#webhooks), trusted only when its signature
 * verifies (see verify-signature.ts). The event says only which order to look at: the order,
 * its payments and refunds are re-read from the API, and the Medusa session is the order's
 * `reference` (set by us at checkout), never taken from the body. A replay reads the same
 * state and reports the same snapshot, which changes nothing.
 */
export async function readSmartpayEvent(input: {
  client: SmartpayClient
  payload: ProviderWebhookPayload["payload"]
  settings: WebhookSettings
  now?: Date
}): Promise<GatewayWebhookResult> {
  const { client, payload, settings } = input
  if (!settings.signingSecret) {
    throw new WebhookRejected("no webhookSigningSecret is configured, so no webhook is trusted")
  }
  const raw = payload.rawData ?? ""
  const check = verifyWebhookSignature({
    headers: payload.headers as Record<string, unknown> | undefined,
    rawBody: raw,
    signingSecret: settings.signingSecret,
    subscriptionIds: settings.subscriptionIds,
    toleranceMs: settings.toleranceMs,
    now: input.now ?? new Date(),
  })
  if (!check.ok) throw new WebhookRejected(check.reason)
  const event = eventOf(raw)
  const ignored = { result: { action: PaymentActions.NOT_SUPPORTED } }
  if (!(HANDLED_EVENTS as readonly string[]).includes(event.type)) return ignored
  const orderId = await orderIdOf(client, event)
  if (!orderId) throw new WebhookRejected(`${event.type} names no order`)
  const { order, payments } = await client.readOrderWithPayments(orderId)
  const sessionId = sessionIdOf(order)
  if (!sessionId) return ignored

  const hasRefunds = payments.some((p) => (p.refunds ?? []).length > 0)
  const refunds = hasRefunds
    ? refundReport({ sessionId, orderId, refunds: await client.readRefunds(payments) })
    : null
  return { result: actionFor(order, payments, sessionId), refunds }
}

/** The Medusa payment session of an order we made: its `reference`, else its metadata. */
export function sessionIdOf(order: SmartpayOrder): string | null {
  const fromMetadata = order.metadata?.medusa_session_id
  return order.reference || (typeof fromMetadata === "string" ? fromMetadata : null) || null
}

function actionFor(order: SmartpayOrder, payments: SmartpayPayment[], sessionId: string) {
  const status = paymentStatus(order.status)
  const yen = status === PaymentSessionStatus.CAPTURED ? capturedYen(payments) : order.amount
  return {
    action: paymentActionFor(status),
    data: { session_id: sessionId, amount: fromMinorUnits(yen, CURRENCY) },
  }
}
