/**
 * The infrastructure one running sandbox is made of, whatever the gateway: its clock, armed
 * faults, request log (scrubbed of the gateway's secrets), notifier and held sockets. A gateway
 * sandbox keeps one of these beside its own state and rules.
 */
import { SandboxClock } from "./clock"
import { Faults } from "./faults"
import { HeldSockets } from "./held-sockets"
import { Notifier, NotificationRecord } from "./notifier"
import { RequestLog } from "./request-log"
import { SecretScrubber } from "./secret-scrubber"

/** The options every sandbox's start function takes; each gateway's options extend these. */
export interface SandboxBaseOptions {
  /** 0 (default) = an ephemeral port */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** the clock (default: the system clock); `advanceClock` adds an offset to it */
  now?: () => Date
  /** where delivery failures and other diagnostics go; default console.warn */
  log?: (message: string) => void
}

export interface SandboxKitOptions {
  /** lower case, e.g. "multisafepay": log prefix "[multisafepay-sandbox]" and user-agent */
  name: string
  /** the credentials this sandbox holds; they never appear in its request log */
  secrets: readonly string[]
  /** the gateway's start options: clock and log are taken from them */
  base: SandboxBaseOptions
  /** how the gateway retries notifications: pauses between attempts, and each attempt's limit */
  delivery: {
    retryDelaysMs: readonly number[]
    timeoutMs: number
    /** which answers end the retries; default any 2xx */
    delivered?: (statusCode: number) => boolean
  }
}

export class SandboxKit<N extends NotificationRecord = NotificationRecord> {
  readonly name: string
  /** where the server listens: the gateway's start options */
  readonly base: SandboxBaseOptions
  readonly clock: SandboxClock
  readonly faults = new Faults()
  readonly requests: RequestLog
  /** what anything the sandbox shows (logs, records, control answers) goes through */
  readonly scrubber: SecretScrubber
  readonly notifier: Notifier<N>
  readonly held = new HeldSockets()
  readonly log: (message: string) => void
  /** automatic notifications on changes; tests turn it off to send them by hand */
  autoNotify = true

  constructor({ name, secrets, base, delivery }: SandboxKitOptions) {
    if (!delivery.retryDelaysMs.every((delay) => Number.isFinite(delay) && delay >= 0)) {
      throw new Error(`${name} sandbox: retry delays must be non-negative numbers`)
    }
    this.name = name
    this.base = base
    this.log = base.log ?? ((message) => console.warn(message))
    this.clock = new SandboxClock(base.now)
    this.scrubber = new SecretScrubber(secrets)
    this.requests = new RequestLog(this.clock, this.scrubber)
    this.notifier = new Notifier<N>({
      scrubber: this.scrubber,
      name,
      clock: this.clock,
      log: this.log,
      retryDelaysMs: [...delivery.retryDelaysMs],
      attemptTimeoutMs: delivery.timeoutMs,
      delivered: delivery.delivered,
    })
  }

  /** Back to a fresh start: logs, faults, clock offset and deliveries; autoNotify on. */
  reset(): void {
    this.notifier.reset()
    this.requests.clear()
    this.faults.clear()
    this.clock.reset()
    this.autoNotify = true
  }

  async close(): Promise<void> {
    this.held.releaseAll()
    await this.notifier.close()
  }
}
