/**
 * Delivers a sandbox's webhooks/notifications to the merchant, the way gateways do: in the
 * background, best effort, retried while the receiver does not answer 2xx, every attempt
 * recorded and failures logged, never thrown. Tests wait for it with settle(); reset() and
 * close() stop retries so no delivery outlives the test that caused it.
 */
import { setTimeout as sleep } from "node:timers/promises"
import type { SandboxClock } from "./clock"
import { SecretScrubber } from "./secret-scrubber"

export interface DeliveryAttempt {
  at: string
  /** the receiver's status; null when the connection failed */
  statusCode: number | null
  responseBody: string | null
  error: string | null
}

/** The kit's part of every sandbox's notification record; gateways add their own fields. */
export interface NotificationRecord {
  trigger: "auto" | "manual"
  /** null when the gateway knows no URL to call */
  url: string | null
  method: "POST" | "GET"
  /** the exact text sent ("" for GET) */
  body: string
  attempts: DeliveryAttempt[]
  /** "sending" until a 2xx arrived or the attempts ran out */
  outcome: "sending" | "delivered" | "failed" | "no_url"
  at: string
}

export interface NotifierOptions {
  /** the name in the user-agent and in log lines, e.g. "optty" */
  name: string
  clock: SandboxClock
  log: (message: string) => void
  /** pauses between attempts; attempts = length + 1 */
  retryDelaysMs: readonly number[]
  /** per attempt */
  attemptTimeoutMs?: number
  /** which answers end the retries; default any 2xx (Smartpay: only 200) */
  delivered?: (statusCode: number) => boolean
  /**
   * what records and log lines may show: a notification URL can carry a secret (`?token=`),
   * sent to the receiver but never listed or logged; default: secret-named query parameters
   */
  scrubber?: SecretScrubber
}

export class Notifier<N extends NotificationRecord = NotificationRecord> {
  private readonly pending = new Set<Promise<N>>()
  private abort = new AbortController()
  private records: N[] = []
  private readonly scrubber: SecretScrubber

  constructor(private readonly options: NotifierOptions) {
    this.scrubber = options.scrubber ?? new SecretScrubber([])
  }

  /**
   * Records and starts a delivery; resolves (never rejects) once it has ended. `noUrl` is the
   * line logged when the record has no URL (the gateway knows why). The record resolved, like
   * the list, shows the URL scrubbed; the receiver gets it whole.
   */
  send(record: N, options: { headers?: Record<string, string>; noUrl?: string } = {}): Promise<N> {
    this.records.push(record)
    const delivery = this.deliver(record, options, this.abort.signal)
      .then((delivered) => this.shown(delivered))
      .finally(() => this.pending.delete(delivery))
    this.pending.add(delivery)
    return delivery
  }

  list(): N[] {
    return this.records.map((record) => this.shown(record))
  }

  private isDelivered(statusCode: number): boolean {
    const rule = this.options.delivered ?? ((status) => status >= 200 && status < 300)
    return rule(statusCode)
  }

  private shown(record: N): N {
    const copy = structuredClone(record)
    if (copy.url !== null) copy.url = this.scrubber.url(copy.url)
    return copy
  }

  private async deliver(
    record: N,
    {
      headers = {},
      noUrl = "no URL to notify",
    }: { headers?: Record<string, string>; noUrl?: string },
    signal: AbortSignal,
  ): Promise<N> {
    const { name, log, retryDelaysMs } = this.options
    if (record.url === null) {
      record.outcome = "no_url"
      log(`[${name}-sandbox] ${noUrl}`)
      return record
    }
    for (let attempt = 0; attempt <= retryDelaysMs.length; attempt += 1) {
      if (attempt > 0) {
        try {
          await sleep(retryDelaysMs[attempt - 1], undefined, { signal })
        } catch {
          break // reset() or close(): stop retrying
        }
      }
      const result = await this.attempt(record, headers, signal)
      record.attempts.push(result)
      if (result.statusCode !== null && this.isDelivered(result.statusCode)) {
        record.outcome = "delivered"
        return record
      }
      if (signal.aborted) break
    }
    record.outcome = "failed"
    const last = record.attempts.at(-1)
    log(
      `[${name}-sandbox] notification to ${this.scrubber.url(record.url)} failed after ${record.attempts.length} attempt(s): ${last?.error ?? `HTTP ${last?.statusCode}`}`,
    )
    return record
  }

  private async attempt(
    record: N,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<DeliveryAttempt> {
    const at = this.options.clock.nowIso()
    const withBody = record.method === "POST"
    try {
      const response = await fetch(record.url ?? "", {
        method: record.method,
        headers: {
          "user-agent": `${this.options.name}-sandbox`,
          ...(withBody ? { "content-type": "application/json" } : {}),
          ...headers,
        },
        body: withBody ? record.body : undefined,
        redirect: "manual",
        signal: AbortSignal.any([
          signal,
          AbortSignal.timeout(this.options.attemptTimeoutMs ?? 5_000),
        ]),
      })
      const responseBody = await response.text().catch(() => null)
      return { at, statusCode: response.status, responseBody, error: null }
    } catch (error) {
      return { at, statusCode: null, responseBody: null, error: describeError(error) }
    }
  }

  /** Resolves when every delivery started so far (and any started meanwhile) has ended. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending])
  }

  /** Forgets the records and stops retries and deliveries in flight. */
  reset(): void {
    this.abort.abort()
    this.abort = new AbortController()
    this.records = []
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
