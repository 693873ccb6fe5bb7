import { ProviderWebhookPayload } from "@medusajs/framework/types"
import { GatewayError, GatewayWebhookResult, WebhookRejected } from "../../../gateway-kit"
import { OpttyClient } from "../api/optty-client"
import { OpttyOrderDetails } from "../api/schemas"
import { refundReport } from "../refunds/refund-report"
import { webhookAction } from "../statuses"
import { notificationOrderReference } from "./notification-reference"

/**
 * Optty signs nothing, so the body only says which order to look at; what happened is read
 * from Optty's details with our credentials (docs/gateways/optty.md#notifications). A forged
 * body can at most cause that re-read.
 */
export async function readNotification(
  client: OpttyClient,
  payload: ProviderWebhookPayload["payload"],
): Promise<GatewayWebhookResult> {
  const reference = notificationOrderReference(payload.data)
  if (!reference) throw new WebhookRejected("the body names no Optty order of this store")
  let details: OpttyOrderDetails
  try {
    details = await client.details(reference)
  } catch (error) {
    if (error instanceof GatewayError && error.kind === "not_found") {
      throw new WebhookRejected(`Optty does not know order ${reference}`)
    }
    throw error
  }
  const currency = (details.currency ?? "").toUpperCase()
  return {
    result: {
      action: webhookAction(details, currency),
      data: { session_id: reference, amount: details.orderAmount ?? 0 },
    },
    refunds: (details.refunds ?? []).length ? refundReport(details, reference) : null,
  }
}
