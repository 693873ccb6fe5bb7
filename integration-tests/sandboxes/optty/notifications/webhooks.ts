/**
 * Optty's webhooks: the JSON body POSTed to the order's dynamicCallbackUrl, else the
 * merchant-level webhookUrl, unsigned (Optty documents no signature). The kit's notifier
 * delivers them, retrying while the receiver does not answer 2xx.
 */
import type { NotificationRecord } from "../sandbox-types"
import type { OpttyOrderState } from "../state/order-model"
import type { SandboxState } from "../state/sandbox-state"

/** Sends `body` (a string verbatim, anything else as JSON); resolves when delivery ended. */
export function sendWebhook(
  state: SandboxState,
  order: OpttyOrderState,
  body: unknown,
  trigger: NotificationRecord["trigger"],
): Promise<NotificationRecord> {
  const record: NotificationRecord = {
    orderReference: order.orderReference,
    trigger,
    url: order.dynamicCallbackUrl ?? state.config.webhookUrl,
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    attempts: [],
    outcome: "sending",
    at: state.nowIso(),
  }
  return state.kit.notifier.send(record, {
    noUrl: `no webhook for ${order.orderReference}: the order has no dynamicCallbackUrl and no webhookUrl is set`,
  })
}

/** An automatic webhook: sent only while autoNotify is on. */
export function autoWebhook(state: SandboxState, order: OpttyOrderState, body: unknown): void {
  if (state.kit.autoNotify) void sendWebhook(state, order, body, "auto")
}
