import { Logger } from "@medusajs/framework/types"
import { GatewayRefundOutcome, RefundIntent } from "../core/provider-refunds"
import { beforeSending, lookAgain } from "./before-sending"
import { GatewayError } from "./gateway-error"

/**
 * A gateway's own parts of "one refund, never two", which `refundOnce` runs in the same order for
 * every gateway. `TContext` is what the read before sending learned and sending needs (the
 * gateway's order, earlier attempts); `TMade` is a refund as the gateway shows it.
 */
export interface RefundOnceSteps<TContext, TMade> {
  /** the gateway's name, for staff and the log */
  gateway: string
  /** what is read before sending, for the message when that read fails ("order o1") */
  reading: string
  /** reads the gateway: a refund already made under the intent's key (not failed), and the context */
  inspect(): Promise<{ made: TMade | null; context: TContext }>
  /** sends the refund request once */
  send(context: TContext): Promise<GatewayRefundOutcome>
  /** after an answer was lost: the refund that request made, if the gateway shows it (may throw) */
  lookFor(context: TContext): Promise<TMade | null>
  /** what a refund found at the gateway is, as the outcome the provider returns */
  outcomeOf(made: TMade): GatewayRefundOutcome
  /**
   * True when the gateway refuses a second request under the same reference (Optty keeps refund
   * references unique per merchant): after a lost answer that the gateway shows no refund for, the
   * request may be sent once more. False: never sent again (MultiSafepay).
   */
  resendSafe: boolean
}

export interface RefundOnceOptions {
  /** how long after a lost answer the gateway is sure to show a refund it made */
  inDoubtWindowSeconds: number
  logger?: Logger
  /** waits of the re-check after a lost answer (tests shorten them) */
  recheckWaitsMs?: ReadonlyArray<number>
  now?: () => number
}

/**
 * One refund at the gateway, never two:
 * 1. the gateway is read first: a refund already made under this key (a retry of a refund whose
 *    answer was lost) is recorded, not repeated; a failed read means nothing was sent;
 * 2. a retry of a refund in doubt is not sent while the first attempt could still land;
 * 3. the request is sent; after an answer that may hide a made refund (timeout, dropped connection,
 *    5xx, unreadable) the gateway is read again for a few seconds, and a refund found is recorded;
 * 4. only where the gateway's reference makes a duplicate impossible, and only when the re-check
 *    could read the gateway and saw nothing, is the request sent once more; a refusal of that
 *    resend may be the gateway refusing a duplicate of the first, so it is re-checked too;
 * 5. otherwise the outcome is unknown (an "ambiguous" GatewayError): the workflow keeps the refund
 *    in doubt until the gateway is asked again.
 */
export async function refundOnce<TContext, TMade>(
  intent: RefundIntent,
  steps: RefundOnceSteps<TContext, TMade>,
  options: RefundOnceOptions,
): Promise<GatewayRefundOutcome> {
  const { gateway } = steps
  const { made, context } = await beforeSending(gateway, steps.reading, () => steps.inspect())
  if (made) return steps.outcomeOf(made)
  assertMaySend(intent, gateway, options)

  const attempts = steps.resendSafe ? 2 : 1
  let lastError: GatewayError | null = null
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await steps.send(context)
    } catch (error) {
      const unknown = error instanceof GatewayError && error.ambiguous
      const refusedResend =
        attempt > 1 && error instanceof GatewayError && error.kind === "rejected"
      if (!unknown && !refusedResend) throw error
      lastError = error as GatewayError
      const { found, readable } = await lookAgain(
        () => steps.lookFor(context),
        options.recheckWaitsMs,
      )
      if (found) return steps.outcomeOf(found)
      if (refusedResend || !readable || attempt === attempts) break
      options.logger?.warn(
        `${gateway.toLowerCase()}: refund ${intent.idempotency_key}: ${lastError.message}; ${gateway} shows no such refund, sending it once more under the same reference`,
      )
    }
  }
  throw new GatewayError(
    gateway,
    "ambiguous",
    `${lastError?.message}; ${gateway} shows no refund under key ${intent.idempotency_key} yet`,
  )
}

/**
 * Throws (ambiguous) when the intent retries a refund in doubt whose first attempt could still
 * land at the gateway: a refund absent from the gateway may not be sent yet.
 */
export function assertMaySend(
  intent: RefundIntent,
  gateway: string,
  options: Pick<RefundOnceOptions, "inDoubtWindowSeconds" | "now">,
): void {
  if (!intent.in_doubt_since) return
  const now = options.now?.() ?? Date.now()
  const ageSeconds = (now - Date.parse(intent.in_doubt_since)) / 1000
  if (ageSeconds < options.inDoubtWindowSeconds) {
    throw new GatewayError(
      gateway,
      "ambiguous",
      `${gateway} shows no refund under key ${intent.idempotency_key} yet, ${Math.round(ageSeconds)} s after the first attempt, and it may still arrive`,
    )
  }
}
