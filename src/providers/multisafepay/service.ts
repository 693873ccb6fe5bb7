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
import { toMinorUnits } from "../../core/money"
import { GatewayRefundOutcome, RefundIntent } from "../../core/provider-refunds"
import { GatewayWebhookResult, LineRefundsPaymentProvider, RefundReport } from "../../gateway-kit"
import { MultiSafepayClient } from "./api/multisafepay-client"
import { MspOrder } from "./api/schemas"
import { sessionIdOf } from "./order-ids"
import { apiBaseUrl, MultiSafepayOptions, parseMultiSafepayOptions } from "./options"
import { MSP_DATA_KEY, mspDataPatch, MultiSafepayData, readMspData } from "./payment-data"
import { cancelMspOrder, captureMspOrder } from "./payments/capture-order"
import { CreateOrderParts, createMspOrder } from "./payments/create-order"
import { refundReport } from "./refunds/refund-report"
import { mspRefundSteps } from "./refunds/refund-steps"
import { paymentStatus } from "./statuses"
import { readNotification } from "./webhooks/read-notification"

/**
 * MultiSafepay as a Medusa payment provider: redirect payments (the shopping cart for pay-later
 * methods), capture at shipment, and refunds of return lines in MultiSafepay's cart format
 * (docs/gateways/multisafepay.md). Each method hands over to the parts beside it: `api/` (HTTP),
 * `payments/` (order, capture, cancel), `checkout/` and `refunds/` (pure request building),
 * `webhooks/` (signature), `statuses.ts`.
 */
export default class MultiSafepayProviderService extends LineRefundsPaymentProvider<MultiSafepayOptions> {
  static override identifier = "multisafepay"
  static override parseOptions = parseMultiSafepayOptions

  private readonly client = new MultiSafepayClient({
    baseUrl: apiBaseUrl(this.config),
    apiKey: this.config.apiKey,
    timeoutMs: this.config.timeoutMs,
  })

  // ---- payments ---------------------------------------------------------------------------

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const sessionId = this.newSessionId(input, "MultiSafepay", [MSP_DATA_KEY])
    return this.guard("payment creation", () =>
      createMspOrder(this.orderParts, input, sessionId, 1),
    )
  }

  /**
   * MultiSafepay cannot change an order's amount: a new amount moves the session to a new order.
   */
  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const current = readMspData(input.data)
    const currency = input.currency_code.toUpperCase()
    const amountMinor = toMinorUnits(input.amount, currency)
    if (current.currency === currency && current.amount_minor === amountMinor) return {}
    const sessionId = sessionIdOf(current.order_id)
    return this.guard("payment creation", () =>
      createMspOrder(this.orderParts, input, sessionId, current.attempt + 1),
    )
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const current = readMspData(input.data)
    const order = await this.readOrder(current.order_id, "authorization")
    // Whole data, not a patch: Medusa stores what authorizePayment returns as the payment's data.
    const learned = this.snapshot(order)[MSP_DATA_KEY] as Partial<MultiSafepayData>
    return {
      status: paymentStatus(order),
      data: { ...input.data, [MSP_DATA_KEY]: { ...current, ...learned } },
    }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const order = await this.readOrder(readMspData(input.data).order_id, "status check")
    return { status: paymentStatus(order), data: this.snapshot(order) }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const order = await this.readOrder(readMspData(input.data).order_id, "retrieval")
    return { data: this.snapshot(order) }
  }

  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const { order_id: orderId } = readMspData(input.data)
    const order = await this.guard("capture", () => captureMspOrder(this.client, orderId))
    return { data: this.snapshot(order) }
  }

  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const { order_id: orderId } = readMspData(input.data)
    const order = await this.guard("cancellation", () => cancelMspOrder(this.client, orderId))
    return { data: this.snapshot(order) }
  }

  /** A session that is dropped before payment: cancel its order so the link cannot be paid. */
  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const orderId = (input.data?.[MSP_DATA_KEY] as MultiSafepayData | undefined)?.order_id
    if (!orderId) return {}
    try {
      const order = await this.unlessNotFound(() => this.client.getOrder(orderId))
      if (order?.status === "initialized") {
        await this.client.updateOrder(orderId, { status: "cancelled", exclude_order: true })
      }
    } catch (error) {
      this.logger.warn(
        `multisafepay: could not cancel order ${orderId} of a deleted session: ${(error as Error).message}`,
      )
    }
    return {}
  }

  // ---- refunds ----------------------------------------------------------------------------

  protected gatewayReference(data: Record<string, unknown> | undefined): string {
    return readMspData(data).order_id
  }

  protected refundAtGateway(
    intent: RefundIntent,
    data: Record<string, unknown>,
  ): Promise<GatewayRefundOutcome> {
    const steps = mspRefundSteps({
      client: this.client,
      intent,
      data,
      refundConventions: this.config.refundConventions,
      logger: this.logger,
    })
    return this.refundOnce(intent, steps)
  }

  // ---- notifications ----------------------------------------------------------------------

  /** The session's latest order carries its refunds; earlier attempts were never paid. */
  protected async readRefundReport(sessionId: string): Promise<RefundReport | null> {
    const order = await this.unlessNotFound(() => this.client.getOrder(sessionId))
    return order ? refundReport(order) : null
  }

  protected async handleWebhook(
    payload: ProviderWebhookPayload["payload"],
  ): Promise<GatewayWebhookResult> {
    return readNotification(payload, {
      apiKey: this.config.apiKey,
      maxAgeSeconds: this.config.notificationMaxAgeSeconds,
    })
  }

  // ---- helpers ----------------------------------------------------------------------------

  private get orderParts(): CreateOrderParts {
    return { client: this.client, config: this.config, logger: this.logger }
  }

  private readOrder(orderId: string, operation: string): Promise<MspOrder> {
    return this.guard(operation, () => this.client.getOrder(orderId))
  }

  /**
   * What the payment data learns from a read of the order: a patch, deep-merged by Medusa. Never
   * the whole data: a copy read before a concurrent refund would write the plugin's refund state
   * back to what it was.
   */
  private snapshot(order: MspOrder): Record<string, unknown> {
    return mspDataPatch({ status: order.status, payment_type: order.payment_details?.type ?? null })
  }
}
