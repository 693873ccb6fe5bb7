import type { MspOrderJson, NotificationRecord, NotifyOptions } from "../sandbox-types"
import { StoredOrder } from "../state/order-model"
import { renderOrder } from "../state/render-order"
import { SandboxState } from "../state/sandbox-state"
import { notificationAuthHeader } from "./sign-notification"

const DELIVERY_TIMEOUT_MS = 10_000

/** What a tampered notification claims: a full refund the signature does not cover. */
function tamper(order: MspOrderJson): MspOrderJson {
  return { ...order, amount_refunded: order.amount, tampered: true }
}

/**
 * Sends the order JSON to the order's notification_url the way MultiSafepay does (research §4),
 * best effort: a failed delivery is logged and recorded, never thrown. MultiSafepay retries
 * failed deliveries later; the sandbox does not (tests call notify() instead).
 */
export class Notifier {
  private readonly pending = new Set<Promise<NotificationRecord>>()
  private readonly abort = new AbortController()

  constructor(private readonly state: SandboxState) {
    state.onOrderChanged = (order) => {
      if (state.autoNotify) void this.send(order, {}, "auto")
    }
  }

  send(
    order: StoredOrder,
    options: NotifyOptions,
    trigger: NotificationRecord["trigger"],
  ): Promise<NotificationRecord> {
    // the body is taken now, so it shows the order as it was when the change happened
    const snapshot = renderOrder(order)
    const timestamp =
      Math.floor(this.state.now().getTime() / 1000) + (options.timestampOffsetSeconds ?? 0)
    const method = order.paymentOptions.notification_method === "GET" ? "GET" : "POST"
    const url = new URL(String(order.paymentOptions.notification_url))
    url.searchParams.append("transactionid", order.orderId)
    url.searchParams.append("timestamp", String(timestamp))

    const signedBody = method === "POST" ? JSON.stringify(snapshot) : ""
    const body =
      method === "POST" && options.tamperBody ? JSON.stringify(tamper(snapshot)) : signedBody
    const key = options.forgeSignature
      ? `${this.state.config.apiKey}-forged`
      : this.state.config.apiKey
    const record: NotificationRecord = {
      orderId: order.orderId,
      trigger,
      url: url.toString(),
      method,
      timestamp,
      authHeader: method === "POST" ? notificationAuthHeader(key, timestamp, signedBody) : null,
      body,
      signedBody,
      options: { ...options },
      statusCode: null,
      responseBody: null,
      error: null,
      at: this.state.now().toISOString(),
    }
    this.state.notificationLog.push(record)
    const delivery = this.deliver(record).finally(() => this.pending.delete(delivery))
    this.pending.add(delivery)
    return delivery
  }

  private async deliver(record: NotificationRecord): Promise<NotificationRecord> {
    const headers: Record<string, string> = { "user-agent": "multisafepay-sandbox" }
    if (record.method === "POST") {
      headers["content-type"] = "application/json"
      headers.auth = record.authHeader ?? ""
    }
    try {
      const response = await fetch(record.url, {
        method: record.method,
        headers,
        body: record.method === "POST" ? record.body : undefined,
        redirect: "manual",
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      })
      record.statusCode = response.status
      record.responseBody = await response.text()
    } catch (error) {
      record.error = describeError(error)
      this.state.config.log(
        `[multisafepay-sandbox] notification to ${record.url} failed: ${record.error}`,
      )
    }
    return record
  }

  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending])
  }

  async close(): Promise<void> {
    this.abort.abort()
    await this.settle()
  }
}

/** Duck-typed: fetch's errors may come from another realm (e.g. under Jest), so no instanceof. */
function describeError(error: unknown): string {
  const message = (value: unknown) =>
    typeof value === "object" && value !== null && "message" in value
      ? String(value.message)
      : String(value)
  const cause =
    typeof error === "object" && error !== null && "cause" in error ? error.cause : undefined
  return cause === undefined ? message(error) : `${message(error)} (${message(cause)})`
}
