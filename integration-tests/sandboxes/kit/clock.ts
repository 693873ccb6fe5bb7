import { ControlError } from "./control-error"

/**
 * The sandbox's time: a base clock (the system's, or a test's fixed one) plus an offset that
 * tests move forward to reach gateway windows (token lives, duplicate-refund windows) without
 * waiting. Milliseconds everywhere, like Date.
 */
export class SandboxClock {
  private offsetMs = 0

  constructor(private readonly base: () => Date = () => new Date()) {}

  now(): Date {
    return new Date(this.base().getTime() + this.offsetMs)
  }

  nowIso(): string {
    return this.now().toISOString()
  }

  /** Time only moves forward: a gateway rule never has to cope with time going back. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new ControlError("advanceMs must be a non-negative number of milliseconds")
    }
    this.offsetMs += ms
    return this.now()
  }

  reset(): void {
    this.offsetMs = 0
  }
}
