/**
 * The control operations every sandbox has, in one shape and one set of units, so a test or
 * the dev store scripts any gateway the same way. A gateway's SandboxControl extends this with
 * its own operations (pay, settle a refund, …) and its own reset.
 */
import { ControlError } from "./control-error"
import type { FaultSpec } from "./faults"
import type { NotificationRecord } from "./notifier"
import type { RecordedRequest } from "./request-log"
import type { SandboxKit } from "./sandbox-kit"

export interface KitControl<N extends NotificationRecord = NotificationRecord> {
  setAutoNotify(enabled: boolean): void
  /** moves the sandbox clock forward by `ms` milliseconds; returns the new time */
  advanceClock(ms: number): Date
  now(): Date
  /** arms a fault for the next matching requests */
  failNext(fault: FaultSpec): void
  /** disarms every fault still armed: the gateway answers normally again */
  clearFaults(): void
  requests(): RecordedRequest[]
  notifications(): N[]
  /** resolves when every notification started so far has been delivered or has given up */
  settleNotifications(): Promise<void>
}

export function kitControl<N extends NotificationRecord>(kit: SandboxKit<N>): KitControl<N> {
  return {
    setAutoNotify(enabled) {
      if (typeof enabled !== "boolean") throw new ControlError("enabled must be a boolean")
      kit.autoNotify = enabled
    },
    advanceClock: (ms) => kit.clock.advance(ms),
    now: () => kit.clock.now(),
    failNext: (fault) => kit.faults.add(fault),
    clearFaults: () => kit.faults.clear(),
    requests: () => kit.requests.list(),
    notifications: () => kit.notifier.list(),
    settleNotifications: () => kit.notifier.settle(),
  }
}
