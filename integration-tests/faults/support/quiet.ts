import { EventEmitter } from "node:events"
import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

/**
 * Knows when the app has nothing left to do in the background: no event waiting to be published
 * (Medusa hands a payment webhook to its provider about 5 s after answering it, through a delayed
 * event) and no subscriber still running (the plugin applies refund reports, refunds returns
 * automatically). Counting is exact, so a test waits as long as the work takes, never a guessed
 * sleep: every event the local event bus schedules is counted until it is published, and every
 * subscriber run until its promise settles.
 *
 * Installed once per app (the local event bus's emitter is one per process); `idle()` resolves
 * when both counts have been 0 for a moment.
 */
export interface BackgroundWork {
  idle(options?: { timeoutMs?: number; also?: () => Promise<unknown> }): Promise<void>
  /** what is outstanding now, for error messages */
  outstanding(): { scheduled: number; running: number }
}

type LocalBus = {
  eventEmitter_: EventEmitter
  groupedEventsMap_: Map<string, unknown[]>
  groupOrEmitEvent: (event: { metadata?: { eventGroupId?: string } }) => Promise<void>
  releaseGroupedEvents: (groupId: string) => Promise<void>
  callInterceptors: (message: unknown, context?: unknown) => Promise<void>
}

const installed = new WeakMap<object, BackgroundWork>()

export function trackBackgroundWork(container: MedusaContainer): BackgroundWork {
  const bus = container.resolve(Modules.EVENT_BUS) as unknown as LocalBus
  const known = installed.get(bus)
  if (known) return known
  if (!(bus.eventEmitter_ instanceof EventEmitter) || !bus.groupedEventsMap_) {
    throw new Error("trackBackgroundWork needs Medusa's local event bus")
  }
  let scheduled = 0
  let running = 0

  // an event emitted outside a workflow is scheduled at once (after its delay, if any)
  const groupOrEmit = bus.groupOrEmitEvent.bind(bus)
  bus.groupOrEmitEvent = async (event) => {
    if (!event.metadata?.eventGroupId) scheduled += 1
    return groupOrEmit(event)
  }
  // a workflow's events are scheduled when the workflow releases them
  const release = bus.releaseGroupedEvents.bind(bus)
  bus.releaseGroupedEvents = async (groupId) => {
    scheduled += (bus.groupedEventsMap_.get(groupId) ?? []).length
    return release(groupId)
  }
  // called once for every event published, grouped or not, right before its subscribers
  const intercept = bus.callInterceptors.bind(bus)
  bus.callInterceptors = async (message, context) => {
    scheduled -= 1
    return intercept(message, context)
  }
  // the subscribers: the emitter discards the promises they return; count them until settled
  const emitter = bus.eventEmitter_
  const emit = emitter.emit.bind(emitter)
  emitter.emit = (name: string | symbol, ...args: unknown[]): boolean => {
    if (name === "error") return emit(name, ...args)
    const listeners = emitter.rawListeners(name) as Array<(...a: unknown[]) => unknown>
    for (const listener of listeners) {
      const result = listener.apply(emitter, args) as Promise<unknown> | undefined
      if (result && typeof result.then === "function") {
        running += 1
        result.then(
          () => (running -= 1),
          () => (running -= 1),
        )
      }
    }
    return listeners.length > 0
  }

  const work: BackgroundWork = {
    outstanding: () => ({ scheduled, running }),
    async idle({ timeoutMs = 120_000, also } = {}) {
      const deadline = Date.now() + timeoutMs
      let quietPolls = 0
      while (quietPolls < 3) {
        if (also) await also()
        quietPolls = scheduled <= 0 && running <= 0 ? quietPolls + 1 : 0
        if (Date.now() > deadline) {
          throw new Error(
            `the app was still busy after ${timeoutMs} ms (${scheduled} events scheduled, ${running} subscribers running)`,
          )
        }
        await new Promise((resolve) => setTimeout(resolve, 40))
      }
    },
  }
  installed.set(bus, work)
  return work
}
