import { ControlError } from "../errors"
import type { FaultKind, FaultSpec } from "../sandbox-types"
import type { ActiveFault, SandboxState } from "../state/sandbox-state"

export const FAULT_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  "http_500",
  "http_401",
  "http_429",
  "timeout",
  "lost_response",
  "error_after_processing",
  "malformed",
])

export const DEFAULT_TIMEOUT_HOLD_MS = 30_000

export function addFault(state: SandboxState, fault: FaultSpec): void {
  if (!FAULT_KINDS.has(fault.kind)) {
    throw new ControlError(`Unknown fault kind ${JSON.stringify(fault.kind)}`)
  }
  if (typeof fault.path !== "string" || !fault.path.startsWith("/")) {
    throw new ControlError('path must be a path starting with "/", e.g. /api/orders/o1/refund')
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
  state.faults.push({ ...fault, remaining: times, skipping: fault.skip ?? 0 })
}

/**
 * Segment prefix: "/api/orders/o1" matches /api/orders/o1 and /api/orders/o1/refund, never
 * /api/orders/o10. Trailing slashes are ignored, so "/" matches everything.
 */
export function pathMatches(pattern: string, pathname: string): boolean {
  const base = pattern.replace(/\/+$/, "")
  return pathname === base || pathname.startsWith(`${base}/`)
}

function matches(fault: ActiveFault, method: string, pathname: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false
  return pathMatches(fault.path, pathname)
}

/** The first armed fault (in the order added) matching the request, used up by one. */
export function takeFault(
  state: SandboxState,
  method: string,
  pathname: string,
): ActiveFault | null {
  const fault = state.faults.find((candidate) => matches(candidate, method, pathname))
  if (!fault) return null
  if (fault.skipping) {
    // the first matching fault decides: this request is one it lets through
    fault.skipping -= 1
    return null
  }
  fault.remaining -= 1
  state.faults = state.faults.filter((candidate) => candidate.remaining > 0)
  return fault
}
