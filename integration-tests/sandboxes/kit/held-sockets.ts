import type { IncomingMessage } from "node:http"

/**
 * Sockets a "timeout" fault is holding. Each is destroyed after its hold; close() lets go of
 * all of them at once, so stopping a sandbox never waits for a scripted timeout.
 */
export class HeldSockets {
  private readonly timers = new Set<NodeJS.Timeout>()

  hold(req: IncomingMessage, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      req.socket.destroy()
    }, ms)
    this.timers.add(timer)
  }

  releaseAll(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }
}
