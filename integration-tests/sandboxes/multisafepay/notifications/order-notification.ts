/**
 * MultiSafepay's notification: the order JSON sent to the order's notification_url with
 * ?transactionid=&timestamp= and a signed Auth header. The kit's notifier delivers it (and
 * records its attempts); this only builds what MultiSafepay would send.
 */
import type { MspOrderJson, NotificationRecord, NotifyOptions } from "../sandbox-types"
import { StoredOrder } from "../state/order-model"
import { renderOrder } from "../state/render-order"
import { SandboxState } from "../state/sandbox-state"
import { notificationAuthHeader } from "./sign-notification"

/** What a tampered notification claims: a full refund the signature does not cover. */
function tamper(order: MspOrderJson): MspOrderJson {
  return { ...order, amount_refunded: order.amount, tampered: true }
}

export function sendOrderNotification(
  state: SandboxState,
  order: StoredOrder,
  options: NotifyOptions,
  trigger: NotificationRecord["trigger"],
): Promise<NotificationRecord> {
  // the body is taken now, so it shows the order as it was when the change happened
  const snapshot = renderOrder(order)
  const now = state.now()
  const timestamp = Math.floor(now.getTime() / 1000) + (options.timestampOffsetSeconds ?? 0)
  const method = order.paymentOptions.notification_method === "GET" ? "GET" : "POST"
  const url = new URL(String(order.paymentOptions.notification_url))
  url.searchParams.append("transactionid", order.orderId)
  url.searchParams.append("timestamp", String(timestamp))

  const signedBody = method === "POST" ? JSON.stringify(snapshot) : ""
  const body =
    method === "POST" && options.tamperBody ? JSON.stringify(tamper(snapshot)) : signedBody
  const key = options.forgeSignature ? `${state.config.apiKey}-forged` : state.config.apiKey
  const authHeader = method === "POST" ? notificationAuthHeader(key, timestamp, signedBody) : null
  const record: NotificationRecord = {
    orderId: order.orderId,
    trigger,
    url: url.toString(),
    method,
    timestamp,
    authHeader,
    body,
    signedBody,
    options: { ...options },
    attempts: [],
    outcome: "sending",
    at: now.toISOString(),
  }
  return state.kit.notifier.send(record, {
    headers: authHeader === null ? {} : { auth: authHeader },
  })
}

/** Every change to an order notifies the merchant while autoNotify is on, as MultiSafepay does. */
export function notifyOnChange(state: SandboxState): void {
  state.onOrderChanged = (order) => {
    if (state.kit.autoNotify) void sendOrderNotification(state, order, {}, "auto")
  }
}
