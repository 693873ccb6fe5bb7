import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { TestEventUtils } from "@medusajs/test-utils"
import { REFUND_UPDATED_EVENT } from "../../src/core/refund-outcomes"

/** The recording provider's webhook route: Medusa's own `/hooks/payment/<identifier>_<id>`. */
export const RECORDING_WEBHOOK = "/hooks/payment/recording_recording"

/** The payment session a payment was made from: what gateways and reports name. */
export async function paymentSessionId(
  container: MedusaContainer,
  paymentId: string,
): Promise<string> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({
    entity: "payment",
    fields: ["payment_session_id"],
    filters: { id: paymentId },
  })
  return (payment as any).payment_session_id
}

/**
 * Resolves once the subscribers of `event` have run `count` times: the moment the effect of what
 * triggered them, or their lack of one, can be asserted. Start it before the trigger.
 */
function subscribersDone(
  container: MedusaContainer,
  event: string,
  count: number,
  timeoutMs: number,
): Promise<unknown> {
  return TestEventUtils.waitSubscribersExecution(event, container.resolve(Modules.EVENT_BUS), {
    triggerCount: count,
    timeout: timeoutMs,
  })
}

/** Resolves once the plugin's subscriber has handled `count` refund reports (webhook or job). */
export function refundReportsHandled(
  container: MedusaContainer,
  count = 1,
  timeoutMs = 30_000,
): Promise<unknown> {
  return subscribersDone(container, REFUND_UPDATED_EVENT, count, timeoutMs)
}

/**
 * The recording gateway notifies Medusa `times` times about a payment session, through Medusa's
 * real webhook route, and waits until the plugin has handled every notification (Medusa hands
 * webhooks to providers about 5 s after answering them).
 */
export async function notifyRefundsChanged(
  api: any,
  container: MedusaContainer,
  sessionId: string,
  times = 1,
): Promise<void> {
  const handled = refundReportsHandled(container, times)
  for (let i = 0; i < times; i++) {
    const response = await api.post(RECORDING_WEBHOOK, { session_id: sessionId })
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`)
  }
  await handled
}

/** Medusa's refunds of a payment, with their notes. */
export async function medusaRefunds(
  container: MedusaContainer,
  paymentId: string,
): Promise<Array<{ id: string; amount: number; note: string | null }>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({ entity: "payment", fields: ["refunds.*"], filters: { id: paymentId } })
  return ((payment as any).refunds ?? []).map((r: any) => ({
    id: r.id,
    amount: Number(r.amount),
    note: r.note ?? null,
  }))
}

/** The order's payment collections as the admin API shows them. */
export async function paymentCollections(
  api: any,
  admin: { headers: Record<string, string> },
  orderId: string,
): Promise<Array<{ id: string; refunded_amount: number; captured_amount: number }>> {
  const { data } = await api.get(
    `/admin/orders/${orderId}?fields=id,payment_collections.id,payment_collections.refunded_amount,payment_collections.captured_amount`,
    admin,
  )
  return data.order.payment_collections
}

/** What the order page widget shows: returns with units to refund, and refunds with status. */
export async function lineRefundsOfOrder(
  api: any,
  admin: { headers: Record<string, string> },
  orderId: string,
) {
  const { data } = await api.get(`/admin/line-refunds/orders/${orderId}`, admin)
  return data as {
    returns: Array<{
      id: string
      amount_to_refund: string | null
      lines: Array<{ line_item_id: string; refunded: number; to_refund: number }>
    }>
    refunds: Array<{
      refund_id: string
      status: string
      failure_reason?: string | null
      amount: string
      origin?: string
      gateway_reference: string | null
    }>
  }
}

/**
 * Resolves once Medusa has handed `count` webhooks to their provider (Medusa answers the webhook
 * route at once and handles the body about 5 s later): the moment a refused one can be shown to
 * have changed nothing. Start it before sending the webhooks.
 */
export function webhooksHandled(
  container: MedusaContainer,
  count = 1,
  timeoutMs = 30_000,
): Promise<unknown> {
  return subscribersDone(container, "payment.webhook_received", count, timeoutMs)
}
