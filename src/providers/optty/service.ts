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
import { MedusaError } from "@medusajs/framework/utils"
import { fromMinorUnits, toMinorUnits } from "../../core/money"
import { GatewayRefundOutcome, RefundIntent } from "../../core/provider-refunds"
import { GatewayWebhookResult, LineRefundsPaymentProvider, RefundReport } from "../../gateway-kit"
import { OpttyClient } from "./api/optty-client"
import { OpttyOrderDetails } from "./api/schemas"
import { OpttyOptions, opttyUrls, parseOpttyOptions } from "./options"
import { OPTTY_DATA_KEY, opttyDataPatch, readOpttyData } from "./payment-data"
import { captureOpttyOrder, voidOpttyOrder } from "./payments/capture-void"
import { createOpttyOrder } from "./payments/create-order"
import { buildRefundRequest } from "./refunds/build-refund-request"
import { opttyRefundSteps } from "./refunds/refund-steps"
import { refundReport } from "./refunds/refund-report"
import { paymentStatus } from "./statuses"
import { acceptStorefrontReturn } from "./storefront/accept-return"
import { OPTTY_RETURN_KEY, readStorefrontReturn } from "./storefront/storefront-return"
import { readNotification } from "./webhooks/read-notification"

/**
 * Optty as a Medusa payment provider: BNPL payments through Optty's hosted flow (the order and
 * its lines built server-side), capture and void of what remains, and refunds of return lines
 * as Optty amount refunds that name the returned lines (docs/gateways/optty.md). Each method
 * hands over to the parts beside it: `api/` (token and HTTP), `payments/` (order, capture,
 * void), `checkout/` and `refunds/` (pure request building), `storefront/` (result hash),
 * `webhooks/` (which order a notification is about), `statuses.ts`.
 */
export default class OpttyProviderService extends LineRefundsPaymentProvider<OpttyOptions> {
  static override identifier = "optty"
  static override parseOptions = parseOpttyOptions

  private readonly client = new OpttyClient({
    authUrl: opttyUrls(this.config).auth,
    apiUrl: opttyUrls(this.config).api,
    clientId: this.config.clientId,
    clientSecret: this.config.clientSecret,
    merchantId: this.config.merchantId,
    timeoutMs: this.config.timeoutMs,
  })

  // ---- payments ---------------------------------------------------------------------------

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const reference = this.newSessionId(input, "Optty", [OPTTY_DATA_KEY, OPTTY_RETURN_KEY])
    return this.guard("payment creation", () =>
      createOpttyOrder(this.client, this.config, input, reference),
    )
  }

  /**
   * Two things reach here: the shopper's return from Optty (sent by the plugin's store route
   * under `optty_return`), verified with the result hash before anything is kept; and a change
   * of amount, which an Optty order cannot follow (Optty documents no amendment).
   */
  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const current = readOpttyData(input.data)
    const returned = readStorefrontReturn(input.data)
    if (returned) {
      return acceptStorefrontReturn({
        data: input.data ?? {},
        current,
        returned,
        paymentSecret: this.config.paymentSecret,
        readDetails: () => this.readDetails(current.order_reference, "return check"),
        logger: this.logger,
      })
    }

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
      data: { ...input.data, [OPTTY_DATA_KEY]: { ...current, status: details.status } },
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

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const { order_reference: reference, currency } = readOpttyData(input.data)
    const details = await this.guard("capture", () =>
      captureOpttyOrder(this.client, reference, currency),
    )
    return { data: this.snapshot(details) }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const { order_reference: reference, currency } = readOpttyData(input.data)
    const details = await this.guard("cancellation", () =>
      voidOpttyOrder(this.client, reference, currency),
    )
    return { data: this.snapshot(details) }
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
    const details = await this.unlessNotFound(() => this.client.details(sessionId))
    return details ? refundReport(details, sessionId) : null
  }

  protected handleWebhook(
    payload: ProviderWebhookPayload["payload"],
  ): Promise<GatewayWebhookResult> {
    return readNotification(this.client, payload)
  }

  // ---- helpers ----------------------------------------------------------------------------

  /**
   * What the payment data learns from a read: a patch, deep-merged by Medusa. Never the whole
   * data: a copy read before a concurrent refund would write the refund state back.
   */
  private snapshot(details: OpttyOrderDetails): Record<string, unknown> {
    return opttyDataPatch({ status: details.status })
  }

  private async readDetails(reference: string, operation: string): Promise<OpttyOrderDetails> {
    return this.guard(operation, () => this.client.details(reference))
  }
}
