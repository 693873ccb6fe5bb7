import {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  ProviderWebhookPayload,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
} from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { CHECKOUT_CART_KEY, CheckoutCart } from "../../core/checkout-cart"
import { fromMinorUnits, toMinorUnits } from "../../core/money"
import { GatewayRefundOutcome, RefundIntent } from "../../core/provider-refunds"
import {
  GatewayError,
  GatewayWebhookResult,
  LineRefundsPaymentProvider,
  RefundReport,
  WebhookRejected,
} from "../../gateway-kit"
import { OpttyClient } from "./api/optty-client"
import { OpttyOrderDetails } from "./api/schemas"
import { buildOrderRequest } from "./checkout/build-order-request"
import { assertOpttyCurrency, opttyNumber } from "./money"
import { OpttyOptions, opttyUrls, parseOpttyOptions } from "./options"
import { OPTTY_DATA_KEY, OpttyData, opttyDataPatch, readOpttyData } from "./payment-data"
import { buildRefundRequest } from "./refunds/build-refund-request"
import { opttyRefundSteps } from "./refunds/refund-steps"
import { refundReport } from "./refunds/refund-report"
import { capturedMinor, paymentStatus, voidedMinor, webhookAction } from "./statuses"
import { OPTTY_RETURN_KEY, readStorefrontReturn } from "./storefront/storefront-return"
import { verifyResultHash } from "./storefront/result-hash"
import { notificationOrderReference } from "./webhooks/notification-reference"

/**
 * Optty as a Medusa payment provider: BNPL payments through Optty's hosted flow (the order and
 * its lines built server-side), capture and void of what remains, and refunds of return lines
 * as Optty amount refunds that name the returned lines. The parts live beside it: `api/` (token
 * and HTTP), `checkout/` and `refunds/` (pure request building), `storefront/` (result hash),
 * `webhooks/` (which order a notification is about), `statuses.ts`.
 */
export default class OpttyProviderService extends LineRefundsPaymentProvider<OpttyOptions> {
  static override identifier = "optty"

  private readonly client: OpttyClient

  static override validateOptions(options: Record<string, unknown>): void {
    parseOpttyOptions(options)
  }

  constructor(cradle: Record<string, unknown>, options: Record<string, unknown>) {
    const parsed = parseOpttyOptions(options)
    super(cradle, parsed)
    const urls = opttyUrls(parsed)
    this.client = new OpttyClient({
      authUrl: urls.auth,
      apiUrl: urls.api,
      clientId: parsed.clientId,
      clientSecret: parsed.clientSecret,
      merchantId: parsed.merchantId,
      timeoutMs: parsed.timeoutMs,
    })
  }

  // ---- payments ---------------------------------------------------------------------------

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    for (const key of [OPTTY_DATA_KEY, OPTTY_RETURN_KEY]) {
      if (input.data?.[key] !== undefined) {
        // the provider's own state is never taken from a storefront: Medusa would merge it in
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Payment session data may not contain "${key}"`,
        )
      }
    }
    const orderReference = String(input.data?.session_id ?? "")
    if (!orderReference) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Optty needs the payment session id")
    }
    const currency = input.currency_code.toUpperCase()
    assertOpttyCurrency(currency)
    const cart = input.data?.[CHECKOUT_CART_KEY] as CheckoutCart | undefined
    if (!cart) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Optty needs the cart's lines, and the payment session has none",
      )
    }
    const amountMinor = toMinorUnits(input.amount, currency)
    const bnplProvider = this.chooseBnplProvider(input.data?.bnpl_provider)
    const request = buildOrderRequest({
      orderReference,
      bnplProvider,
      currency,
      amountMinor,
      cart,
      locale: this.config.locale,
      redirectUrl: this.config.redirectUrl,
      webhookUrl: this.config.webhookUrl,
    })
    const created = await this.guard("payment creation", () => this.client.createOrder(request))
    return {
      id: orderReference,
      status: PaymentSessionStatus.PENDING,
      data: {
        redirect_url: created.redirectUrl,
        ...opttyDataPatch({
          order_reference: orderReference,
          bnpl_provider: bnplProvider,
          currency,
          amount: fromMinorUnits(amountMinor, currency),
          redirect_url: created.redirectUrl,
          status: created.status ?? "INITIATED",
        }),
      },
    }
  }

  /**
   * Two things reach here: the shopper's return from Optty (sent by the plugin's store route
   * under `optty_return`), verified with the result hash before anything is kept; and a change
   * of amount, which an Optty order cannot follow (Optty documents no amendment).
   */
  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const current = readOpttyData(input.data)
    const returned = readStorefrontReturn(input.data)
    if (returned) return this.acceptStorefrontReturn(input.data ?? {}, current, returned)

    const currency = input.currency_code.toUpperCase()
    const amount = fromMinorUnits(toMinorUnits(input.amount, currency), currency)
    if (current.currency === currency && current.amount === amount) return {}
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Optty order ${current.order_reference} is for ${current.currency} ${current.amount}; an Optty order's amount cannot change. Start a new payment session.`,
    )
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const current = readOpttyData(input.data)
    const details = await this.readDetails(current.order_reference, "authorization")
    // Whole data, not a patch: Medusa stores what authorizePayment returns as the payment's data.
    return {
      status: paymentStatus(details, current.currency),
      data: { ...input.data, [OPTTY_DATA_KEY]: { ...current, ...this.learned(details) } },
    }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const current = readOpttyData(input.data)
    const details = await this.readDetails(current.order_reference, "status check")
    return { status: paymentStatus(details, current.currency), data: this.snapshot(details) }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const current = readOpttyData(input.data)
    const details = await this.readDetails(current.order_reference, "retrieval")
    return { data: this.snapshot(details) }
  }

  /**
   * Captures what remains uncaptured. The details are read first, so a capture whose answer was
   * lost is seen and never repeated; the reference is numbered by the captures Optty already has.
   */
  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const current = readOpttyData(input.data)
    const reference = current.order_reference
    return this.guard("capture", async () => {
      let details = await this.client.details(reference)
      if (paymentStatus(details, current.currency) === PaymentSessionStatus.AUTHORIZED) {
        const remaining = this.uncapturedMinor(details, current.currency)
        try {
          await this.client.capture(reference, {
            captureReference: `${reference}-capture-${(details.orderCaptures ?? []).length + 1}`,
            description: `Capture of ${reference} in Medusa`,
            amount: opttyNumber(remaining, current.currency),
          })
        } catch (error) {
          if (!(error instanceof GatewayError && error.ambiguous)) throw error
        }
        details = await this.client.details(reference)
      }
      // Medusa books the capture when this returns: never report one that did not happen.
      if (paymentStatus(details, current.currency) !== PaymentSessionStatus.CAPTURED) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Optty order ${reference} is ${details.status} and not captured: there is nothing to capture`,
        )
      }
      return { data: this.snapshot(details) }
    })
  }

  /** Voids what has not been captured; a captured payment is refunded instead, never voided. */
  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const current = readOpttyData(input.data)
    const reference = current.order_reference
    return this.guard("cancellation", async () => {
      let details = await this.client.details(reference)
      const status = paymentStatus(details, current.currency)
      if (status === PaymentSessionStatus.CAPTURED) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `Optty order ${reference} is captured; refund it instead of cancelling`,
        )
      }
      if (
        status === PaymentSessionStatus.AUTHORIZED &&
        capturedMinor(details, current.currency) === 0
      ) {
        await this.client.void(reference, {
          voidReference: `${reference}-void-${(details.orderVoids ?? []).length + 1}`,
          description: `Cancelled in Medusa`,
          amount: opttyNumber(this.uncapturedMinor(details, current.currency), current.currency),
        })
        details = await this.client.details(reference)
      }
      return { data: this.snapshot(details) }
    })
  }

  /** Optty documents no way to cancel an unpaid order: a dropped session's order just lapses. */
  async deletePayment(_input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return {}
  }

  // ---- refunds ----------------------------------------------------------------------------

  protected gatewayReference(data: Record<string, unknown> | undefined): string {
    return readOpttyData(data).order_reference
  }

  protected async refundAtGateway(
    intent: RefundIntent,
    data: Record<string, unknown>,
  ): Promise<GatewayRefundOutcome> {
    const current = readOpttyData(data)
    const request = buildRefundRequest({
      intent,
      currency: current.currency,
      isActivatedViaOAuth: this.config.isActivatedViaOAuth,
    })
    return this.refundOnce(
      intent,
      opttyRefundSteps({
        client: this.client,
        orderReference: current.order_reference,
        currency: current.currency,
        request,
        logger: this.logger,
      }),
    )
  }

  // ---- notifications ----------------------------------------------------------------------

  protected async readRefundReport(sessionId: string): Promise<RefundReport | null> {
    try {
      const details = await this.client.details(sessionId)
      return refundReport(details, sessionId)
    } catch (error) {
      if (error instanceof GatewayError && error.kind === "not_found") return null
      throw error
    }
  }

  /**
   * Optty signs nothing, so the body only says which order to look at; what happened is read
   * from Optty's details with our credentials. A forged body can at most cause that re-read.
   */
  protected async handleWebhook(
    payload: ProviderWebhookPayload["payload"],
  ): Promise<GatewayWebhookResult> {
    const reference = notificationOrderReference(payload.data)
    if (!reference) throw new WebhookRejected("the body names no Optty order of this store")
    let details: OpttyOrderDetails
    try {
      details = await this.client.details(reference)
    } catch (error) {
      if (error instanceof GatewayError && error.kind === "not_found") {
        throw new WebhookRejected(`Optty does not know order ${reference}`)
      }
      throw error
    }
    const currency = (details.currency ?? "").toUpperCase()
    return {
      result: {
        action: webhookAction(details, currency),
        data: { session_id: reference, amount: details.orderAmount ?? 0 },
      },
      refunds: (details.refunds ?? []).length ? refundReport(details, reference) : null,
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  private async acceptStorefrontReturn(
    data: Record<string, unknown>,
    current: OpttyData,
    returned: NonNullable<ReturnType<typeof readStorefrontReturn>>,
  ): Promise<UpdatePaymentOutput> {
    const check = verifyResultHash(this.config.paymentSecret, returned)
    if (!check.ok) {
      this.logger.warn(
        `optty: storefront return for ${current.order_reference} refused: ${check.reason}`,
      )
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Optty return refused: ${check.reason}`)
    }
    if (returned.reference !== current.order_reference) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Optty return refused: it is for order ${returned.reference}, not ${current.order_reference}`,
      )
    }
    // The hash proves what Optty told the shopper; the payment's state is still read from Optty.
    const details = await this.readDetails(current.order_reference, "return check")
    const { [OPTTY_RETURN_KEY]: _dropped, ...rest } = data
    // No status: the session is authorized by completing the cart, which reads Optty again.
    return {
      data: {
        ...rest,
        [OPTTY_DATA_KEY]: {
          ...current,
          ...this.learned(details),
          storefront_result: {
            status: check.status,
            provider_reference: returned.providerReference ?? null,
            verified_at: new Date().toISOString(),
          },
        },
      },
    }
  }

  /** The option's fixed method, else the storefront's choice if allowed. */
  private chooseBnplProvider(requested: unknown): string {
    if (this.config.bnplProvider) return this.config.bnplProvider
    const code = typeof requested === "string" ? requested.toUpperCase() : ""
    const allowed = this.config.allowedBnplProviders
    if (!/^[A-Z0-9_]{2,40}$/.test(code) || (allowed && !allowed.includes(code))) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        code
          ? `Optty BNPL provider "${String(requested)}" is not offered`
          : "Optty needs a bnpl_provider in the payment session data (or the bnplProvider option)",
      )
    }
    return code
  }

  private uncapturedMinor(details: OpttyOrderDetails, currency: string): number {
    const total = toMinorUnits(details.orderAmount ?? 0, currency)
    return total - capturedMinor(details, currency) - voidedMinor(details, currency)
  }

  private learned(details: OpttyOrderDetails): Partial<OpttyData> {
    return { status: details.status }
  }

  /**
   * What the payment data learns from a read: a patch, deep-merged by Medusa. Never the whole
   * data: a copy read before a concurrent refund would write the refund state back.
   */
  private snapshot(details: OpttyOrderDetails): Record<string, unknown> {
    return opttyDataPatch(this.learned(details))
  }

  private async readDetails(reference: string, operation: string): Promise<OpttyOrderDetails> {
    return this.guard(operation, () => this.client.details(reference))
  }
}
