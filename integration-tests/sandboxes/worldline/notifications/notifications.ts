/**
 * Merchant Notification Service calls (docs/gateways/worldline.md#notifications): a JSON body of
 * order reads, each with a self link whose order id is URL-encoded, unsigned, POSTed to the
 * merchant's notification URL and retried by the kit's notifier while the receiver fails.
 */
import { wireText } from "../http/wire-json"
import type { NotificationRecord } from "../sandbox-types"
import type { StoredOrder } from "../state/order-model"
import { renderOrder } from "../state/render-order"
import type { SandboxState } from "../state/sandbox-state"

export function notificationBody(state: SandboxState, order: StoredOrder): string {
  const read = renderOrder(order, state.isPartialCapture(order))
  const href = `/v2/merchants/${order.mid}/orders/${encodeURIComponent(order.orderId)}`
  return wireText({ notifications: [{ ...read, links: [{ rel: "self", href }] }] })
}

export function sendNotification(
  state: SandboxState,
  order: StoredOrder,
  trigger: NotificationRecord["trigger"],
): Promise<NotificationRecord> {
  const record: NotificationRecord = {
    orderId: order.orderId,
    trigger,
    url: state.notificationUrl,
    method: "POST",
    body: notificationBody(state, order),
    attempts: [],
    outcome: "sending",
    at: state.nowIso(),
  }
  return state.kit.notifier.send(record, {
    noUrl: `no notification for ${order.orderId}: no notification URL is set`,
  })
}

/** Every order change: sent while autoNotify is on and a notification URL is set. */
export function orderChanged(state: SandboxState, order: StoredOrder): void {
  if (state.kit.autoNotify && state.notificationUrl !== null) {
    void sendNotification(state, order, "auto")
  }
}
