/**
 * A request under an Idempotency-Key already used (docs/gateways/smartpay.md#idempotency): the
 * same request gets the stored answer, marked with the replay header, and nothing is done again.
 * Another request under the key answers 409 idempotency-key.mismatch, or with option
 * `idempotencyMismatch: "replay"` the stored answer all the same (ours either way).
 */
import type { GatewayAnswer } from "../../kit/gateway-request"
import { idempotencyMismatch } from "../errors"
import type { SandboxState } from "../state/sandbox-state"

export function replayOrConflict(
  state: SandboxState,
  key: string,
  fingerprint: string,
): GatewayAnswer | null {
  const stored = state.idempotency.find(key, state.nowMs())
  if (!stored) return null
  if (stored.fingerprint !== fingerprint && state.config.idempotencyMismatch === "conflict") {
    throw idempotencyMismatch(key)
  }
  return {
    ...structuredClone(stored.answer),
    headers: { ...stored.answer.headers, [state.config.replayHeader]: "true" },
  }
}
