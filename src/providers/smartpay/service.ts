import {
  AuthorizePaymentInput,
  AuthorizePaymentOutput,
  BigNumberInput,
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
import { readCheckoutCart } from "../../core/checkout-cart"
import { GatewayRefundOutcome, RefundIntent } from "../../core/provider-refunds"
import { GatewayWebhookResult, LineRefundsPaymentProvider, RefundReport } from "../../gateway-kit"
import { SmartpayOrder } from "./api/schemas"
import { SmartpayClient } from "./api/smartpay-client"
import { wholeYen } from "./money"
import { parseSmartpayOptions, smartpayBaseUrl, SmartpayOptions } from "./options"
import {
  readSmartpayData,
  SMARTPAY_DATA_KEY,
  SmartpayData,
  smartpayDataPatch,
} from "./payment-data"
import { cancelOrder, captureOrder } from "./payments/capture-cancel"
import { createCheckoutSession } from "./payments/create-session"
import { lineItemIdsOf } from "./payments/line-item-ids"
import { refundReasonFor } from "./refunds/refund-reason"
import { refundReport } from "./refunds/refund-report"
import { smartpayRefundSteps } from "./refunds/refund-steps"
import { KNOWN_ORDER_STATUSES, paymentStatus } from "./statuses"
import { readSmartpayEvent } from "./webhooks/read-event"

/**
 * Smartpay (smartpay.co, Japanese BNPL) as a Medusa payment provider (docs/gateways/smartpay.md):
 * a checkout session per payment session built server-side from the checkout cart (whole yen),
 * manual capture by default, cancels before capture, and refunds of return lines as Smartpay
 * refunds of the order's payments, listing the returned lines' `li_…` ids. Each method hands
 * over to the parts beside it: `api/` (HTTP), `checkout/` and `refunds/` (pure request
 * building), `payments/`, `webhooks/` (signature and re-reads), `statuses.ts`.
 */
export default class SmartpayProviderService extends LineRefundsPaymentProvider<SmartpayOptions> {
  static override identifier = "smartpay"
  static override parseOptions = parseSmartpayOptions

  protected readonly client = new SmartpayClient({
    baseUrl: smartpayBaseUrl(this.config),
    secretKey: this.config.secretKey,
    timeoutMs: this.config.timeoutMs,
  })

  // ---- payments ---------------------------------------------------------------------------

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const sessionId = this.newSessionId(input, "Smartpay", [SMARTPAY_DATA_KEY])
    const data = await this.guard("payment creation", () =>
      createCheckoutSession({
        client: this.client,
        config: this.config,
        sessionId,
        cart: readCheckoutCart(input.data),
        amountYen: this.yen(input.amount, input.currency_code),
        attempt: 1,
      }),
    )
    return {
      id: data.order_id,
      status: PaymentSessionStatus.PENDING,
      data: { redirect_url: data.url, ...smartpayDataPatch(data) },
    }
  }

  /**
   * A checkout session's amount cannot change: a new amount gets a new checkout session (and
   * order); the old order, never paid, is cancelled on a best-effort basis.
   */
  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const current = readSmartpayData(input.data)
    const amountYen = this.yen(input.amount, input.currency_code)
    if (current.amount === amountYen) return {}
    const sessionId = String(input.data?.session_id ?? "")
    if (!sessionId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "Smartpay needs the payment session id")
    }
    const data = await this.guard("payment creation", () =>
      createCheckoutSession({
        client: this.client,
        config: this.config,
        sessionId,
        cart: readCheckoutCart(input.data),
        amountYen,
        attempt: (current.attempt ?? 1) + 1,
      }),
    )
    await this.cancelQuietly(current.order_id, "replaced by a new checkout session")
    // the whole data: Medusa stores what a session update returns
    return {
      status: PaymentSessionStatus.PENDING,
      data: { ...input.data, redirect_url: data.url, [SMARTPAY_DATA_KEY]: data },
    }
  }

  /**
   * The order's status, and once it is authorised Smartpay's `li_…` id of each cart line
   * (payments/line-item-ids.ts), which refunds list.
   */
  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const current = readSmartpayData(input.data)
    const order = await this.readOrder(current.order_id, "authorization")
    const status = paymentStatus(order.status)
    const paid =
      status === PaymentSessionStatus.AUTHORIZED || status === PaymentSessionStatus.CAPTURED
    const lineItems = paid
      ? (lineItemIdsOf(order, readCheckoutCart(input.data)) ?? current.line_items ?? null)
      : (current.line_items ?? null)
    if (paid && !lineItems) {
      this.logger.warn(
        `smartpay: order ${order.id}: its line item ids could not be matched to the cart's lines; refunds will not list lines`,
      )
    }
    // Whole data, not a patch: Medusa stores what authorizePayment returns as the payment's data.
    return {
      status,
      data: {
        ...input.data,
        [SMARTPAY_DATA_KEY]: { ...current, status: order.status, line_items: lineItems },
      },
    }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const current = readSmartpayData(input.data)
    const order = await this.readOrder(current.order_id, "status check")
    return { status: paymentStatus(order.status), data: this.snapshot(order) }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const current = readSmartpayData(input.data)
    const order = await this.readOrder(current.order_id, "retrieval")
    return { data: this.snapshot(order) }
  }

  /**
   * Medusa 2.21 passes no amount to capturePayment: what is authorised and not yet captured is
   * captured (payments/capture-cancel.ts), never twice.
   */
  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const current = readSmartpayData(input.data)
    const asked = (input as CapturePaymentInput & { amount?: BigNumberInput }).amount
    const amountYen = asked == null ? null : wholeYen(asked, "JPY")
    const { order, captured } = await this.guard("capture", () =>
      captureOrder({ client: this.client, orderId: current.order_id, amountYen }),
    )
    return {
      data: smartpayDataPatch({
        status: captured ? "succeeded" : order.status,
      }),
    }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const current = readSmartpayData(input.data)
    const order = await this.guard("cancellation", () => cancelOrder(this.client, current.order_id))
    return { data: this.snapshot(order) }
  }

  /** A dropped session: its order is cancelled while nothing of it is captured. */
  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const orderId = (input.data?.[SMARTPAY_DATA_KEY] as { order_id?: string } | undefined)?.order_id
    if (!orderId) return {}
    const order = await this.cancelQuietly(orderId, "its session was deleted")
    return order ? { data: this.snapshot(order) } : {}
  }

  // ---- refunds ----------------------------------------------------------------------------

  protected gatewayReference(data: Record<string, unknown> | undefined): string {
    return readSmartpayData(data).order_id
  }

  protected async refundAtGateway(
    intent: RefundIntent,
    data: Record<string, unknown>,
  ): Promise<GatewayRefundOutcome> {
    const current = readSmartpayData(data)
    return this.refundOnce(
      intent,
      smartpayRefundSteps({
        client: this.client,
        intent,
        orderId: current.order_id,
        reason: refundReasonFor(intent, this.config.fraudulentReasonCodes),
        cart: readCheckoutCart(data),
        lineItems: current.line_items,
        logger: this.logger,
      }),
    )
  }

  // ---- notifications ----------------------------------------------------------------------

  /**
   * The session's refunds. Smartpay's order ids are its own, so the order is found from the
   * payment session's data (the payment module's session service, which the provider's
   * container holds); null when it cannot be found.
   */
  protected async readRefundReport(sessionId: string): Promise<RefundReport | null> {
    const orderId = await this.orderIdOfSession(sessionId)
    if (!orderId) return null
    const read = await this.unlessNotFound(() => this.client.readOrderWithPayments(orderId))
    if (!read) return null
    const refunds = await this.client.readRefunds(read.payments)
    return refundReport({ sessionId, orderId, refunds })
  }

  protected handleWebhook(
    payload: ProviderWebhookPayload["payload"],
  ): Promise<GatewayWebhookResult> {
    return readSmartpayEvent({
      client: this.client,
      payload,
      settings: {
        signingSecret: this.config.webhookSigningSecret,
        subscriptionIds: this.config.webhookSubscriptionIds,
        toleranceMs: this.config.webhookToleranceSeconds * 1000,
      },
    })
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** Whole yen (docs/gateways/smartpay.md#amounts): JPY only, never a fraction. */
  private yen(amount: BigNumberInput, currencyCode: string): number {
    return wholeYen(amount, currencyCode)
  }

  /** Cancels an order nothing of which is captured; failures are logged, never thrown. */
  private async cancelQuietly(orderId: string, why: string): Promise<SmartpayOrder | null> {
    try {
      const { order, payments } = await this.client.readOrderWithPayments(orderId)
      const open = ["requires_authorization", "requires_capture"].includes(order.status)
      if (!open || payments.length > 0) return null
      return await cancelOrder(this.client, orderId)
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      this.logger.warn(`smartpay: order ${orderId} (${why}) was not cancelled: ${detail}`)
      return null
    }
  }

  private async orderIdOfSession(sessionId: string): Promise<string | null> {
    try {
      const sessions = (this.container as Record<string, unknown>).paymentSessionService as {
        retrieve(id: string, config: { select: string[] }): Promise<{ data?: unknown }>
      }
      const session = await sessions.retrieve(sessionId, { select: ["id", "data"] })
      const data = (session.data ?? {}) as Record<string, unknown>
      return (data[SMARTPAY_DATA_KEY] as Partial<SmartpayData> | undefined)?.order_id ?? null
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      this.logger.warn(
        `smartpay: session ${sessionId}: its Smartpay order was not found: ${detail}`,
      )
      return null
    }
  }

  /**
   * What the payment data learns from a read: a patch, deep-merged by Medusa. Never the whole
   * data: a copy read before a concurrent refund would write the refund state back.
   */
  private snapshot(order: SmartpayOrder): Record<string, unknown> {
    return smartpayDataPatch({ status: order.status })
  }

  private async readOrder(orderId: string, operation: string): Promise<SmartpayOrder> {
    const order = await this.guard(operation, () => this.client.readOrder(orderId))
    if (!KNOWN_ORDER_STATUSES.includes(order.status)) {
      this.logger.warn(
        `smartpay: order ${orderId} has the unknown status "${order.status}": taken as an error`,
      )
    }
    return order
  }
}
