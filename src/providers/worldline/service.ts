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
import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { fromMinorUnits, toMinorUnits } from "../../core/money"
import { GatewayRefundOutcome, RefundIntent } from "../../core/provider-refunds"
import { GatewayWebhookResult, LineRefundsPaymentProvider, RefundReport } from "../../gateway-kit"
import { WorldlineOrder } from "./api/schemas"
import { WorldlineClient } from "./api/worldline-client"
import { parseWorldlineOptions, WorldlineOptions, worldlineBaseUrl } from "./options"
import { readWorldlineData, WORLDLINE_DATA_KEY, worldlineDataPatch } from "./payment-data"
import { cancelWorldlineOrder, captureWorldlineOrder } from "./payments/capture-cancel"
import { chooseWorldlineMethod, createWorldlineOrder, orderIdFor } from "./payments/create-order"
import { worldlineRefundSteps } from "./refunds/refund-steps"
import { refundReport } from "./refunds/refund-report"
import { paymentStatus } from "./statuses"
import { readNotification } from "./webhooks/read-notification"

/** How many later orders of one session (`<id>-2`, …) a report looks for at most. */
const MAX_ORDERS_PER_SESSION = 20

/**
 * Worldline One Commerce Hub as a Medusa payment provider (docs/gateways/worldline.md): a hosted
 * payment page per order built server-side from the checkout cart, full or partial captures,
 * cancels before capture, and refunds of return lines as Worldline amount refunds under the
 * logical refund key. Each method hands over to the parts beside it: `api/` (JWT-bearer tokens
 * and HTTP), `payments/`, `checkout/` and `refunds/` (pure request building), `webhooks/` (which
 * orders a notification points at), `statuses.ts`.
 */
export default class WorldlineProviderService extends LineRefundsPaymentProvider<WorldlineOptions> {
  static override identifier = "worldline"
  static override parseOptions = parseWorldlineOptions

  protected readonly client = new WorldlineClient({
    baseUrl: worldlineBaseUrl(this.config),
    apiPathPrefix: this.config.apiPathPrefix,
    merchantId: this.config.merchantId,
    applicationId: this.config.applicationId,
    keys: [
      { pem: this.config.privateKey, kid: this.config.keyId },
      ...(this.config.secondaryPrivateKey
        ? [{ pem: this.config.secondaryPrivateKey, kid: this.config.secondaryKeyId }]
        : []),
    ],
    algorithm: this.config.signingAlgorithm,
    timeoutMs: this.config.timeoutMs,
  })

  // ---- payments ---------------------------------------------------------------------------

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const sessionId = this.newSessionId(input, "Worldline", [WORLDLINE_DATA_KEY])
    const paymentMethodId = chooseWorldlineMethod(input.data?.payment_method_id, this.config)
    const { data } = await this.guard("payment creation", () =>
      createWorldlineOrder({
        client: this.client,
        config: this.config,
        sessionId,
        firstAttempt: 1,
        amount: input.amount,
        currencyCode: input.currency_code,
        data: input.data,
        paymentMethodId,
      }),
    )
    return {
      id: data.order_id,
      status: PaymentSessionStatus.PENDING,
      data: { redirect_url: data.redirect_url, ...worldlineDataPatch(data) },
    }
  }

  /**
   * A Worldline order's amount cannot change: a new amount (or currency) gets a new order of the
   * session, `<session id>-<n>`; an order id is never used twice.
   */
  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const current = readWorldlineData(input.data)
    const currency = input.currency_code.toUpperCase()
    const amount = fromMinorUnits(toMinorUnits(input.amount, currency), currency)
    if (current.currency === currency && current.amount === amount) return {}
    const sessionId = String(input.data?.session_id ?? "") || current.order_id.replace(/-\d+$/, "")
    const { data } = await this.guard("payment creation", () =>
      createWorldlineOrder({
        client: this.client,
        config: this.config,
        sessionId,
        firstAttempt: (current.attempt ?? 1) + 1,
        amount: input.amount,
        currencyCode: currency,
        data: input.data,
        paymentMethodId: current.payment_method_id,
      }),
    )
    // the whole data: Medusa stores what a session update returns
    return {
      status: PaymentSessionStatus.PENDING,
      data: { ...input.data, redirect_url: data.redirect_url, [WORLDLINE_DATA_KEY]: data },
    }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const current = readWorldlineData(input.data)
    const order = await this.readOrder(current.order_id, "authorization")
    // Whole data, not a patch: Medusa stores what authorizePayment returns as the payment's data.
    return {
      status: paymentStatus(order),
      data: { ...input.data, [WORLDLINE_DATA_KEY]: { ...current, status: order.orderState } },
    }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const current = readWorldlineData(input.data)
    const order = await this.readOrder(current.order_id, "status check")
    return { status: paymentStatus(order), data: this.snapshot(order) }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const current = readWorldlineData(input.data)
    const order = await this.readOrder(current.order_id, "retrieval")
    return { data: this.snapshot(order) }
  }

  /**
   * Medusa 2.21 passes no amount to capturePayment (it captures the rest); an amount, when a
   * caller passes one that is less than what remains, is captured as a partial capture.
   */
  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const current = readWorldlineData(input.data)
    const asked = (input as CapturePaymentInput & { amount?: BigNumberInput }).amount
    const amountMinor = asked == null ? null : toMinorUnits(asked, current.currency)
    const order = await this.guard("capture", () =>
      captureWorldlineOrder({
        client: this.client,
        orderId: current.order_id,
        amountMinor,
        partialCaptures: this.config.partialCaptures,
      }),
    )
    return { data: this.snapshot(order) }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const current = readWorldlineData(input.data)
    const order = await this.guard("cancellation", () =>
      cancelWorldlineOrder(this.client, current.order_id),
    )
    return { data: this.snapshot(order) }
  }

  /** A dropped session: its order is cancelled when it is authorised and nothing is captured. */
  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const orderId = (input.data?.[WORLDLINE_DATA_KEY] as { order_id?: string } | undefined)
      ?.order_id
    if (!orderId) return {}
    try {
      const order = await this.client.readOrder(orderId)
      if (paymentStatus(order) !== PaymentSessionStatus.AUTHORIZED) return {}
      return { data: this.snapshot(await cancelWorldlineOrder(this.client, orderId)) }
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      this.logger.warn(
        `worldline: order ${orderId} of a deleted session was not cancelled: ${detail}`,
      )
      return {}
    }
  }

  // ---- refunds ----------------------------------------------------------------------------

  protected gatewayReference(data: Record<string, unknown> | undefined): string {
    return readWorldlineData(data).order_id
  }

  protected async refundAtGateway(
    intent: RefundIntent,
    data: Record<string, unknown>,
  ): Promise<GatewayRefundOutcome> {
    const current = readWorldlineData(data)
    return this.refundOnce(
      intent,
      worldlineRefundSteps({
        client: this.client,
        intent,
        orderId: current.order_id,
        currency: current.currency,
        retries: this.config.refundRetries,
        logger: this.logger,
      }),
    )
  }

  // ---- notifications ----------------------------------------------------------------------

  /**
   * The session's refunds: its paid order's. A session may hold later orders (`<id>-2`, … after
   * an amount change): the last one with a payment on it is the payment's.
   */
  protected async readRefundReport(sessionId: string): Promise<RefundReport | null> {
    let chosen: WorldlineOrder | null = null
    for (let attempt = 1; attempt <= MAX_ORDERS_PER_SESSION; attempt++) {
      const order = await this.unlessNotFound(() =>
        this.client.readOrder(orderIdFor(sessionId, attempt)),
      )
      if (!order) break
      const paid = paymentStatus(order) !== PaymentSessionStatus.PENDING
      if (!chosen || paid) chosen = order
    }
    return chosen ? refundReport(chosen) : null
  }

  protected handleWebhook(
    payload: ProviderWebhookPayload["payload"],
  ): Promise<GatewayWebhookResult> {
    return readNotification({
      readOrder: (orderId) => this.client.readOrder(orderId),
      payload,
      notificationToken: this.config.notificationToken,
    })
  }

  // ---- helpers ----------------------------------------------------------------------------

  /**
   * What the payment data learns from a read: a patch, deep-merged by Medusa. Never the whole
   * data: a copy read before a concurrent refund would write the refund state back.
   */
  private snapshot(order: WorldlineOrder): Record<string, unknown> {
    return worldlineDataPatch({ status: order.orderState })
  }

  private readOrder(orderId: string, operation: string): Promise<WorldlineOrder> {
    return this.guard(operation, () => this.client.readOrder(orderId))
  }
}
