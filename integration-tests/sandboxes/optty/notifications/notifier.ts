import { setTimeout as sleep } from "node:timers/promises"
import type { DeliveryAttempt, NotificationRecord } from "../sandbox-types"
import type { OpttyOrderState } from "../state/order-model"
import type { SandboxState } from "../state/sandbox-state"

const ATTEMPT_TIMEOUT_MS = 5_000

/**
 * POSTs webhooks the way Optty does as far as it is documented: JSON, no signature (Optty
 * documents none), retried when the receiver does not answer 2xx. Every attempt is recorded;
 * failures are logged, never thrown.
 */
export class Notifier {
  private readonly pending = new Set<Promise<NotificationRecord>>()
  private abort = new AbortController()

  constructor(private readonly state: SandboxState) {}

  /** An automatic webhook: sent only while autoNotify is on. */
  auto(order: OpttyOrderState, body: unknown): void {
    if (this.state.autoNotify) void this.send(order, body, "auto")
  }

  /** Sends `body` (a string verbatim, anything else as JSON); resolves when delivery ended. */
  send(
    order: OpttyOrderState,
    body: unknown,
    trigger: NotificationRecord["trigger"],
  ): Promise<NotificationRecord> {
    const record: NotificationRecord = {
      orderReference: order.orderReference,
      trigger,
      url: order.dynamicCallbackUrl ?? this.state.config.webhookUrl,
      body: typeof body === "string" ? body : JSON.stringify(body),
      attempts: [],
      outcome: "sending",
      at: this.state.nowIso(),
    }
    this.state.notificationLog.push(record)
    const delivery = this.deliver(record, this.abort.signal).finally(() =>
      this.pending.delete(delivery),
    )
    this.pending.add(delivery)
    return delivery
  }

  private async deliver(
    record: NotificationRecord,
    signal: AbortSignal,
  ): Promise<NotificationRecord> {
    const url = record.url
    if (url === null) {
      record.outcome = "no_url"
      this.state.config.log(
        `[optty-sandbox] no webhook for ${record.orderReference}: the order has no dynamicCallbackUrl and no webhookUrl is set`,
      )
      return record
    }
    const delays = this.state.config.webhookRetryDelaysMs
    for (let attempt = 0; attempt <= delays.length; attempt += 1) {
      if (attempt > 0) {
        try {
          await sleep(delays[attempt - 1], undefined, { signal })
        } catch {
          break // reset() or close(): stop retrying
        }
      }
      const result = await this.attempt(url, record.body, signal)
      record.attempts.push(result)
      if (result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300) {
        record.outcome = "delivered"
        return record
      }
      if (signal.aborted) break
    }
    record.outcome = "failed"
    const last = record.attempts.at(-1)
    this.state.config.log(
      `[optty-sandbox] webhook to ${url} failed after ${record.attempts.length} attempt(s): ${last?.error ?? `HTTP ${last?.statusCode}`}`,
    )
    return record
  }

  private async attempt(url: string, body: string, signal: AbortSignal): Promise<DeliveryAttempt> {
    const at = this.state.nowIso()
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "optty-sandbox" },
        body,
        redirect: "manual",
        signal: AbortSignal.any([signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      })
      await response.arrayBuffer().catch(() => undefined)
      return { at, statusCode: response.status, error: null }
    } catch (error) {
      return { at, statusCode: null, error: describeError(error) }
    }
  }

  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending])
  }

  /** Stops retries and deliveries in flight (their records are being forgotten anyway). */
  reset(): void {
    this.abort.abort()
    this.abort = new AbortController()
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
