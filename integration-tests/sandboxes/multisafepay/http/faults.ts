import { ControlError } from "../errors"
import type { FaultKind, FaultSpec } from "../sandbox-types"
import { ActiveFault, SandboxState } from "../state/sandbox-state"

export const FAULT_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  "status_500",
  "status_503",
  "status_429",
  "timeout",
  "drop_after_processing",
  "malformed_json",
  "reject_before_processing",
])

export const DEFAULT_TIMEOUT_HOLD_MS = 30_000

export function addFault(state: SandboxState, fault: FaultSpec): void {
  if (!FAULT_KINDS.has(fault.kind))
    throw new ControlError(`Unknown fault kind ${JSON.stringify(fault.kind)}`)
  const times = fault.times ?? 1
  if (!Number.isSafeInteger(times) || times < 1)
    throw new ControlError("times must be a positive integer")
  if (typeof fault.path !== "string" && !(fault.path instanceof RegExp)) {
    throw new ControlError("path must be a string or a RegExp")
  }
  if (fault.skip !== undefined && !(Number.isSafeInteger(fault.skip) && fault.skip >= 0)) {
    throw new ControlError("skip must be a non-negative integer")
  }
  if (fault.holdMs !== undefined && !(Number.isFinite(fault.holdMs) && fault.holdMs >= 0)) {
    throw new ControlError("holdMs must be a non-negative number")
  }
  state.faults.push({ ...fault, remaining: times, skipping: fault.skip ?? 0 })
}

function matches(fault: ActiveFault, method: string, path: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false
  if (fault.path instanceof RegExp) {
    fault.path.lastIndex = 0
    return fault.path.test(path)
  }
  return path.includes(fault.path)
}

/** The first armed fault matching the request, used up by one. */
export function takeFault(state: SandboxState, method: string, path: string): ActiveFault | null {
  const fault = state.faults.find(
    (candidate) => candidate.remaining > 0 && matches(candidate, method, path),
  )
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
