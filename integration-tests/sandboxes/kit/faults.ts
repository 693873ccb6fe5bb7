/**
 * The one fault vocabulary of every sandbox, and the armed faults of one sandbox. A fault
 * scripts a failure of the gateway's transport for the next matching requests, so tests can
 * reach every "did the gateway do it or not?" case: answered errors before anything happens,
 * silence before anything happens, and answers spoiled after the gateway acted.
 */
import { ControlError } from "./control-error"

/** Faults that answer at once with this HTTP status, in the gateway's own error shape. */
export const STATUS_FAULTS = {
  http_500: 500,
  http_503: 503,
  http_429: 429,
  http_401: 401,
} as const

export type StatusFault = keyof typeof STATUS_FAULTS
export type FaultStatus = (typeof STATUS_FAULTS)[StatusFault]

export type FaultKind =
  | StatusFault
  /** no answer before processing: the socket is held for holdMs, then destroyed */
  | "timeout"
  /** the connection is dropped before processing (a reset or refused connection) */
  | "connection_reset"
  /**
   * processed, then the connection is dropped (after holdMs, when given): the gateway acted, the
   * client never hears it
   */
  | "lost_response"
  /** processed, then answered 500 anyway */
  | "error_after_processing"
  /** processed, then answered 200 with a body cut in half (never valid JSON) */
  | "malformed"

export const FAULT_KINDS: readonly FaultKind[] = [
  ...(Object.keys(STATUS_FAULTS) as StatusFault[]),
  "timeout",
  "connection_reset",
  "lost_response",
  "error_after_processing",
  "malformed",
]

/** The kinds after which the gateway has acted although the client cannot know it. */
export const AFTER_PROCESSING: ReadonlySet<FaultKind> = new Set<FaultKind>([
  "lost_response",
  "error_after_processing",
  "malformed",
])

export const DEFAULT_TIMEOUT_HOLD_MS = 30_000

export interface FaultSpec {
  /** HTTP method to match (any when absent) */
  method?: string
  /**
   * Which requests: a path such as "/refunds" or "/api/orders/o1" matches a request whose path
   * (query excluded) contains those whole segments in a row, so "/api/orders/o1" matches
   * "/api/orders/o1/refund" but never "/api/orders/o10"; "/" matches everything. A RegExp is
   * tested against the path with its query string.
   */
  path: string | RegExp
  kind: FaultKind
  /** how many matching requests it applies to; default 1 */
  times?: number
  /** how many matching requests pass untouched first (e.g. the read before a refund) */
  skip?: number
  /**
   * "timeout": how long the socket is held before it is destroyed (default 30000 ms);
   * "lost_response": the same after processing (default 0: dropped at once), so the client
   * times out on a request the gateway carried out
   */
  holdMs?: number
}

interface ArmedFault extends FaultSpec {
  remaining: number
  skipping: number
}

function segmentsOf(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "")
}

/** Whole segments in a row, anywhere in the path: see FaultSpec.path. */
export function pathMatches(pattern: string | RegExp, pathname: string, search = ""): boolean {
  if (pattern instanceof RegExp) {
    pattern.lastIndex = 0
    return pattern.test(`${pathname}${search}`)
  }
  const wanted = segmentsOf(pattern)
  const actual = segmentsOf(pathname)
  for (let start = 0; start + wanted.length <= actual.length; start += 1) {
    if (wanted.every((segment, index) => actual[start + index] === segment)) return true
  }
  return false
}

function checkSpec(fault: FaultSpec): void {
  if (!FAULT_KINDS.includes(fault.kind)) {
    throw new ControlError(
      `Unknown fault kind ${JSON.stringify(fault.kind)}; one of ${FAULT_KINDS.join(", ")}`,
    )
  }
  if (
    !(fault.path instanceof RegExp) &&
    !(typeof fault.path === "string" && fault.path.startsWith("/"))
  ) {
    throw new ControlError('path must start with "/" (e.g. /refunds), or be a regular expression')
  }
  if (fault.method !== undefined && typeof fault.method !== "string") {
    throw new ControlError("method must be a string")
  }
  const times = fault.times ?? 1
  if (!Number.isSafeInteger(times) || times < 1) {
    throw new ControlError("times must be a positive integer")
  }
  if (fault.skip !== undefined && !(Number.isSafeInteger(fault.skip) && fault.skip >= 0)) {
    throw new ControlError("skip must be a non-negative integer")
  }
  if (fault.holdMs !== undefined && !(Number.isFinite(fault.holdMs) && fault.holdMs >= 0)) {
    throw new ControlError("holdMs must be a non-negative number")
  }
}

export class Faults {
  private armed: ArmedFault[] = []

  add(fault: FaultSpec): void {
    checkSpec(fault)
    this.armed.push({ ...fault, remaining: fault.times ?? 1, skipping: fault.skip ?? 0 })
  }

  /**
   * The first armed fault (in the order added) matching the request, used up by one. The first
   * match decides even while it is skipping, so a later fault never jumps the queue.
   */
  take(method: string, pathname: string, search = ""): FaultSpec | null {
    const fault = this.armed.find(
      (candidate) =>
        (candidate.method === undefined || candidate.method.toUpperCase() === method) &&
        pathMatches(candidate.path, pathname, search),
    )
    if (!fault) return null
    if (fault.skipping > 0) {
      fault.skipping -= 1
      return null
    }
    fault.remaining -= 1
    this.armed = this.armed.filter((candidate) => candidate.remaining > 0)
    return fault
  }

  clear(): void {
    this.armed = []
  }
}
