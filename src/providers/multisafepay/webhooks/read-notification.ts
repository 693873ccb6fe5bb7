import { ProviderWebhookPayload } from "@medusajs/framework/types"
import { fromMinorUnits } from "../../../core/money"
import { GatewayWebhookResult, WebhookRejected } from "../../../gateway-kit"
import { orderSchema } from "../api/schemas"
import { sessionIdOf } from "../order-ids"
import { refundReport } from "../refunds/refund-report"
import { webhookAction } from "../statuses"
import { verifyNotificationSignature } from "./verify-signature"

/**
 * A MultiSafepay notification, trusted only when its signature over the raw body verifies with
 * the API key and it is recent (docs/gateways/multisafepay.md#notifications): the payment
 * action for Medusa, and the order's refunds when it has any.
 */
export function readNotification(
  payload: ProviderWebhookPayload["payload"],
  keys: { apiKey: string; maxAgeSeconds: number },
  now: Date = new Date(),
): GatewayWebhookResult {
  const check = verifyNotificationSignature({
    authHeader: payload.headers?.["auth"],
    rawBody: payload.rawData ?? "",
    apiKey: keys.apiKey,
    now,
    maxAgeSeconds: keys.maxAgeSeconds,
  })
  if (!check.ok) throw new WebhookRejected(check.reason)
  const parsed = orderSchema.safeParse(payload.data)
  if (!parsed.success) throw new WebhookRejected("signed body is not a MultiSafepay order")
  const order = parsed.data
  return {
    result: {
      action: webhookAction(order),
      data: {
        session_id: sessionIdOf(order.order_id),
        amount: fromMinorUnits(order.amount, order.currency),
      },
    },
    refunds: (order.related_transactions ?? []).some((t) => t.type === "refund")
      ? refundReport(order)
      : null,
  }
}
