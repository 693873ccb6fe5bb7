import {
  InitiatePaymentInput,
  Logger,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import {
  AbstractPaymentProvider,
  MedusaError,
  Modules,
  PaymentActions,
} from "@medusajs/framework/utils"
import { outcomeUnknownMessage } from "../core/ledger"
import {
  GatewayRefundOutcome,
  recordRefund,
  RefundIntent,
  takeRefundPlan,
} from "../core/provider-refunds"
import {
  readReconcileRequest,
  REFUND_UPDATED_EVENT,
  RefundUpdatedEvent,
} from "../core/refund-outcomes"
import { GatewayError, OUTCOME_UNKNOWN_ERROR_CODE, toMedusaError } from "./gateway-error"
import { assertMaySend, refundOnce, RefundOnceSteps } from "./refund-once"

/** Thrown by a provider's webhook handling when a notification must not be trusted. */
export class WebhookRejected extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = "WebhookRejected"
  }
}

/** What a provider reports about a payment's refunds; the base class adds `source`. */
export type RefundReport = Omit<RefundUpdatedEvent, "source">

export interface GatewayWebhookResult {
  /** the payment action for Medusa (authorized, captured, failed, not_supported, …) */
  result: WebhookActionResult
  /**
   * the refunds the notification reports, if it speaks about refunds: one report per payment
   * (a notification may speak about several), each published
   */
  refunds?: RefundReport | RefundReport[] | null
}

/**
 * What every gateway provider of this plugin shares, so a gateway only writes its own parts:
 * - refunds: the plan contract (`takeRefundPlan` → `refundAtGateway` → `recordRefund`), and
 *   refunds the gateway already made (dashboard, lost response) recorded without calling it; an
 *   outcome that may have happened ("ambiguous") is reported as such, so the workflow keeps the
 *   refund in doubt in the ledger (the ledger itself is the workflow's, never the provider's);
 * - webhooks: verification failures logged once and answered `not_supported`; refund reports
 *   published as the neutral `line_refunds.refund_updated` event;
 * - reconciliation: the job's re-read request answered from the gateway's own records;
 * - errors: gateway failures become MedusaErrors in one place (`toMedusaError`).
 */
export abstract class LineRefundsPaymentProvider<
  TOptions extends Record<string, unknown> & { inDoubtWindowSeconds?: number } = Record<
    string,
    unknown
  >,
> extends AbstractPaymentProvider<TOptions> {
  protected readonly logger: Logger

  /**
   * The gateway's option parser (zod behind it, failing with the bad option's name). Medusa checks
   * options at boot through `validateOptions`; the constructor hands the parsed options on as
   * `this.config`. A gateway sets it: `static override parseOptions = parseAcmeOptions`.
   */
  static parseOptions: (raw: Record<string, unknown>) => Record<string, unknown> = (raw) => raw

  static override validateOptions(options: Record<string, unknown>): void {
    this.parseOptions(options)
  }

  constructor(cradle: Record<string, unknown>, options: Record<string, unknown>) {
    const gateway = new.target as unknown as typeof LineRefundsPaymentProvider
    super(cradle, gateway.parseOptions.call(gateway, options ?? {}) as TOptions)
    this.logger = cradle.logger as Logger
  }

  /** the gateway's id of the payment in `data` (scopes amount-only refund keys) */
  protected abstract gatewayReference(data: Record<string, unknown> | undefined): string

  /**
   * makes the refund at the gateway, once, under `intent.idempotency_key`; `data` = payment.data
   */
  protected abstract refundAtGateway(
    intent: RefundIntent,
    data: Record<string, unknown>,
  ): Promise<GatewayRefundOutcome>

  /** reads from the gateway what it knows about the refunds of the session's payment */
  protected abstract readRefundReport(sessionId: string): Promise<RefundReport | null>

  /** verifies and maps a gateway notification; throws WebhookRejected if it cannot be trusted */
  protected abstract handleWebhook(
    payload: ProviderWebhookPayload["payload"],
  ): Promise<GatewayWebhookResult>

  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    const intent = takeRefundPlan(input, { scope: this.gatewayReference(input.data) })
    const atGateway = intent.plan?.refunded_at_gateway
    if (atGateway) {
      // The gateway made this refund already: record it, never ask for it a second time.
      return {
        data: recordRefund(intent, {
          status: atGateway.status,
          gateway_reference: atGateway.reference,
          gateway_amount: atGateway.amount ?? null,
          gateway: { recorded_from: "gateway_report" },
        }),
      }
    }
    try {
      return { data: recordRefund(intent, await this.refundAtGateway(intent, input.data ?? {})) }
    } catch (error) {
      throw this.refundError(error)
    }
  }

  /**
   * A refund that may have happened (the gateway's answer was lost) is not a failure: staff are
   * told so, and the workflow keeps the refund in the ledger as in doubt until the gateway is
   * asked. Every other failure is definite: nothing was refunded.
   */
  private refundError(error: unknown): MedusaError {
    if (error instanceof GatewayError && error.ambiguous) {
      return new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        outcomeUnknownMessage(error.gateway, error.message),
        OUTCOME_UNKNOWN_ERROR_CODE,
      )
    }
    return toMedusaError(error, "refund")
  }

  /** How long after a lost answer the gateway is sure to show a refund it made. */
  protected get inDoubtWindowSeconds(): number {
    return this.config.inDoubtWindowSeconds ?? 600
  }

  /**
   * Call when the gateway shows no refund under the intent's key, before sending it (what
   * `refundOnce` does for a provider that uses it): a retry of a refund in doubt may not send while
   * the first attempt could still land at the gateway.
   */
  protected assertMaySend(intent: RefundIntent, gateway: string): void {
    assertMaySend(intent, gateway, { inDoubtWindowSeconds: this.inDoubtWindowSeconds })
  }

  /** One refund at the gateway, never two (see `refundOnce`), with this provider's window. */
  protected refundOnce<TContext, TMade>(
    intent: RefundIntent,
    steps: RefundOnceSteps<TContext, TMade>,
  ): Promise<GatewayRefundOutcome> {
    return refundOnce(intent, steps, {
      inDoubtWindowSeconds: this.inDoubtWindowSeconds,
      logger: this.logger,
    })
  }

  async getWebhookActionAndData(
    payload: ProviderWebhookPayload["payload"],
  ): Promise<WebhookActionResult> {
    // Only the reconciliation job asks this way, with no raw body. Anything that came through
    // Medusa's public webhook route has its raw body, and is treated as a gateway notification:
    // an anonymous caller cannot make us spend the gateway's rate limit on re-reads.
    const rawLength = payload?.rawData?.length ?? 0
    const reconcile = rawLength === 0 ? readReconcileRequest(payload?.data) : null
    if (reconcile) {
      const report = await this.readRefundReport(reconcile.session_id)
      if (report) await this.publishRefundReport({ ...report, source: "reconciliation" })
      return { action: PaymentActions.NOT_SUPPORTED }
    }
    let handled: GatewayWebhookResult
    try {
      handled = await this.handleWebhook(payload)
    } catch (error) {
      if (!(error instanceof WebhookRejected)) throw error
      this.logger.warn(
        `${this.getIdentifier()}: notification rejected, nothing changed: ${error.message}`,
      )
      return { action: PaymentActions.NOT_SUPPORTED }
    }
    const reports = handled.refunds == null ? [] : [handled.refunds].flat()
    for (const report of reports) await this.publishRefundReport({ ...report, source: "webhook" })
    return handled.result
  }

  /**
   * The payment session id a new payment is created under (`data.session_id`, which Medusa
   * sets), after refusing session data that holds keys only the server writes (`ownKeys`, the
   * provider's state): Medusa would merge a storefront's copy of them into the session.
   */
  protected newSessionId(
    input: InitiatePaymentInput,
    gateway: string,
    ownKeys: readonly string[],
  ): string {
    for (const key of ownKeys) {
      if (input.data?.[key] !== undefined) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Payment session data may not contain "${key}"`,
        )
      }
    }
    const sessionId = String(input.data?.session_id ?? "")
    if (!sessionId) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `${gateway} needs the payment session id`,
      )
    }
    return sessionId
  }

  /** A gateway read whose "not found" means "nothing to report" (null); other failures throw. */
  protected async unlessNotFound<T>(read: () => Promise<T>): Promise<T | null> {
    try {
      return await read()
    } catch (error) {
      if (error instanceof GatewayError && error.kind === "not_found") return null
      throw error
    }
  }

  /** Runs a gateway call for `operation`, turning any gateway failure into a MedusaError. */
  protected async guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      throw toMedusaError(error, operation)
    }
  }

  /**
   * Outcome events leave only from here (webhooks, reconciliation), never from refundPayment: an
   * event emitted there would be handled before Medusa commits the refund.
   */
  protected async publishRefundReport(event: RefundUpdatedEvent): Promise<void> {
    const eventBus = (this.container as Record<string, unknown>)[Modules.EVENT_BUS] as {
      emit: (message: { name: string; data: unknown }) => Promise<void>
    }
    const data: RefundUpdatedEvent = {
      absent_after_seconds: this.inDoubtWindowSeconds,
      ...event,
    }
    await eventBus.emit({ name: REFUND_UPDATED_EVENT, data })
  }
}
