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
import { MultiSafepayClient } from "./api/multisafepay-client"
import { MspOrder, orderSchema } from "./api/schemas"
import { buildCreateOrderRequest } from "./checkout/build-order-request"
import { buildShoppingCart, MspShoppingCart } from "./checkout/build-shopping-cart"
import { DEFAULT_REFUND_CONVENTION, isPayLater } from "./gateways"
import { orderIdFor, sessionIdOf } from "./order-ids"
import { apiBaseUrl, MultiSafepayOptions, parseMultiSafepayOptions } from "./options"
import { MSP_DATA_KEY, mspDataPatch, MultiSafepayData, readMspData } from "./payment-data"
import { cartItemResolver } from "./refunds/cart-item-resolver"
import { buildRefundRequest } from "./refunds/build-refund-request"
import { refundReport, toRefundReport } from "./refunds/refund-report"
import { findRefundByKey } from "./refunds/find-refund"
import { awaitsCapture, paymentStatus, webhookAction } from "./statuses"
import { verifyNotificationSignature } from "./webhooks/verify-signature"

/**
 * MultiSafepay as a Medusa payment provider: redirect payments (the shopping cart for pay-later
 * methods), capture at shipment, and refunds of return lines in MultiSafepay's cart format. The
 * parts live beside it: `api/` (HTTP), `checkout/` and `refunds/` (pure request building),
 * `webhooks/` (signature), `statuses.ts`.
 */
export default class MultiSafepayProviderService extends LineRefundsPaymentProvider<MultiSafepayOptions> {
  static override identifier = "multisafepay"

  private readonly client: MultiSafepayClient

  static override validateOptions(options: Record<string, unknown>): void {
    parseMultiSafepayOptions(options)
  }

  constructor(cradle: Record<string, unknown>, options: Record<string, unknown>) {
    const parsed = parseMultiSafepayOptions(options)
    super(cradle, parsed)
    this.client = new MultiSafepayClient({
      baseUrl: apiBaseUrl(parsed),
      apiKey: parsed.apiKey,
      timeoutMs: parsed.timeoutMs,
    })
  }

  // ---- payments ---------------------------------------------------------------------------

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    if (input.data?.[MSP_DATA_KEY] !== undefined) {
      // the provider's own state is never taken from a storefront: Medusa would merge it in
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Payment session data may not contain "${MSP_DATA_KEY}"`,
      )
    }
    const sessionId = String(input.data?.session_id ?? "")
    if (!sessionId) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "MultiSafepay needs the payment session id",
      )
    }
    return this.createOrder(input, sessionId, 1)
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const current = readMspData(input.data)
    const currency = input.currency_code.toUpperCase()
    if (
      current.currency === currency &&
      current.amount_minor === toMinorUnits(input.amount, currency)
    ) {
      return {}
    }
    // MultiSafepay cannot change an order's amount: the session moves to a new order.
    const sessionId = sessionIdOf(current.order_id)
    return this.createOrder(input, sessionId, current.attempt + 1)
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const order = await this.readOrder(readMspData(input.data).order_id, "authorization")
    // Whole data, not a patch: Medusa stores what authorizePayment returns as the payment's data.
    const current = readMspData(input.data)
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

  /**
   * Pay-later orders are captured by marking them shipped (MultiSafepay then invoices the
   * shopper); manual-capture cards by capturing what remains. Anything else was captured at
   * payment. Repeating a capture is harmless: the order's state decides.
   */
  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const { order_id: orderId } = readMspData(input.data)
    return this.guard("capture", async () => {
      let order = await this.client.getOrder(orderId)
      if (awaitsCapture(order) && order.status === "completed") {
        if (isPayLater(order.payment_details?.type)) {
          await this.client.updateOrder(orderId, {
            status: "shipped",
            ship_date: new Date().toISOString().slice(0, 10),
          })
        } else {
          await this.client.captureOrder(orderId, {
            amount: order.payment_details?.capture_remain ?? order.amount,
            new_order_status: "completed",
            reason: "Captured in Medusa",
            description: `Capture of ${orderId}`,
          })
        }
        order = await this.client.getOrder(orderId)
      }
      // Medusa books the capture when this returns: never report one that did not happen (an
      // expired Klarna reservation, an order cancelled at MultiSafepay).
      if (paymentStatus(order) !== PaymentSessionStatus.CAPTURED) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `MultiSafepay order ${orderId} is ${order.status}: there is nothing to capture`,
        )
      }
      return { data: this.snapshot(order) }
    })
  }

  /** Cancels what has not been captured; a captured payment is refunded instead, never voided. */
  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const { order_id: orderId } = readMspData(input.data)
    return this.guard("cancellation", async () => {
      const order = await this.client.getOrder(orderId)
      const status = paymentStatus(order)
      if (status === PaymentSessionStatus.CANCELED || status === PaymentSessionStatus.ERROR) {
        return { data: this.snapshot(order) }
      }
      if (status === PaymentSessionStatus.CAPTURED) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `MultiSafepay order ${orderId} is already paid; refund it instead of cancelling`,
        )
      }
      if (order.payment_details?.capture === "manual" && order.status === "completed") {
        await this.client.cancelAuthorization(orderId, {
          status: "cancelled",
          reason: "Cancelled in Medusa",
        })
      } else {
        await this.client.updateOrder(orderId, { status: "cancelled", exclude_order: true })
      }
      return { data: this.snapshot(await this.client.getOrder(orderId)) }
    })
  }

  /** A session that is dropped before payment: cancel its order so the link cannot be paid. */
  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    const data = input.data?.[MSP_DATA_KEY] as MultiSafepayData | undefined
    if (!data?.order_id) return {}
    try {
      const order = await this.client.getOrder(data.order_id)
      if (order.status === "initialized") {
        await this.client.updateOrder(data.order_id, { status: "cancelled", exclude_order: true })
      }
    } catch (error) {
      if (!(error instanceof GatewayError && error.kind === "not_found")) {
        this.logger.warn(
          `multisafepay: could not cancel order ${data.order_id} of a deleted session: ${(error as Error).message}`,
        )
      }
    }
    return {}
  }

  // ---- refunds ----------------------------------------------------------------------------

  protected gatewayReference(data: Record<string, unknown> | undefined): string {
    return readMspData(data).order_id
  }

  /**
   * One refund, never two (`refundOnce`): the order is read first and a refund already under this
   * logical key is recorded; after a lost answer it is looked for again. MultiSafepay is not known
   * to refuse a second request under the same `refund_order_id`, so it is never sent twice: the
   * refund stays in doubt until MultiSafepay's notification, the job or a retry finds it.
   */
  protected async refundAtGateway(
    intent: RefundIntent,
    data: Record<string, unknown>,
  ): Promise<GatewayRefundOutcome> {
    const msp = readMspData(data)
    const lookUp = async () => {
      const order = await this.client.getOrder(msp.order_id)
      const refund = findRefundByKey(order, intent.idempotency_key)
      return { order, made: refund ? { order, refund } : null }
    }
    return this.refundOnce(intent, {
      gateway: "MultiSafepay",
      reading: `order ${msp.order_id}`,
      resendSafe: false,
      inspect: async () => {
        const { order, made } = await lookUp()
        return { made, context: order }
      },
      send: (order) => this.sendRefund(intent, data, order),
      lookFor: async () => (await lookUp()).made,
      outcomeOf: ({ order, refund }) => this.outcomeOf(refund, order, { recovered: true }),
    })
  }

  /** The refund request itself, built against the order as MultiSafepay holds it now. */
  private async sendRefund(
    intent: RefundIntent,
    data: Record<string, unknown>,
    order: MspOrder,
  ): Promise<GatewayRefundOutcome> {
    const msp = readMspData(data)
    const paymentType = order.payment_details?.type ?? msp.payment_type ?? msp.gateway
    const request = buildRefundRequest({
      intent,
      order,
      payLater: isPayLater(paymentType),
      convention:
        (paymentType && this.config.refundConventions[paymentType]) || DEFAULT_REFUND_CONVENTION,
      resolver: cartItemResolver(msp, data[CHECKOUT_CART_KEY] as CheckoutCart | undefined),
    })
    const delta = request.expected_minor - request.requested_minor
    if (delta !== 0) {
      this.logger.warn(
        `multisafepay: order ${msp.order_id} refund ${intent.refund_id}: MultiSafepay's rounding refunds ${fromMinorUnits(request.expected_minor, order.currency)} where Medusa computed ${fromMinorUnits(request.requested_minor, order.currency)}`,
      )
    }
    const answer = await this.client.refund(msp.order_id, request.body)
    // `transaction_id` in the answer is the payment's, not the refund's: only `refund_id` (or the
    // refund found under our key) identifies the refund in later notifications. The refund is
    // made either way: a failed read here only leaves the reference for the notification to fill.
    const reference =
      answer.refund_id ??
      (await this.client
        .getOrder(msp.order_id)
        .then((now) => findRefundByKey(now, intent.idempotency_key)?.transaction_id ?? null)
        .catch(() => null))
    return {
      status: "pending",
      gateway_reference: reference,
      gateway_amount: fromMinorUnits(request.expected_minor, order.currency),
      gateway: {
        order_id: msp.order_id,
        refund_id: answer.refund_id,
        transaction_id: answer.transaction_id,
        mode: request.mode,
        amount_minor: request.expected_minor,
        rounding_delta_minor: delta,
      },
      currency_code: order.currency.toLowerCase(),
    }
  }

  private outcomeOf(
    transaction: NonNullable<ReturnType<typeof findRefundByKey>>,
    order: MspOrder,
    extra: Record<string, unknown>,
  ): GatewayRefundOutcome {
    const report = toRefundReport(transaction, order.currency)
    return {
      status: report.status,
      gateway_reference: report.gateway_reference,
      gateway_amount: report.amount,
      gateway: {
        order_id: order.order_id,
        refund_id: transaction.transaction_id,
        amount_minor: transaction.amount,
        ...extra,
      },
      currency_code: report.currency_code,
    }
  }

  // ---- notifications ----------------------------------------------------------------------

  protected async readRefundReport(sessionId: string): Promise<RefundReport | null> {
    // The session's latest order carries its refunds; earlier attempts were never paid.
    try {
      return refundReport(await this.client.getOrder(sessionId))
    } catch (error) {
      if (error instanceof GatewayError && error.kind === "not_found") return null
      throw error
    }
  }

  protected async handleWebhook(
    payload: ProviderWebhookPayload["payload"],
  ): Promise<GatewayWebhookResult> {
    const check = verifyNotificationSignature({
      authHeader: payload.headers?.["auth"],
      rawBody: payload.rawData ?? "",
      apiKey: this.config.apiKey,
      now: new Date(),
      maxAgeSeconds: this.config.notificationMaxAgeSeconds,
    })
    if (!check.ok) throw new WebhookRejected(check.reason)
    const parsed = orderSchema.safeParse(payload.data)
    if (!parsed.success) throw new WebhookRejected("signed body is not a MultiSafepay order")
    const order = parsed.data
    const action = webhookAction(order)
    const sessionId = sessionIdOf(order.order_id)
    return {
      result: {
        action,
        data: { session_id: sessionId, amount: fromMinorUnits(order.amount, order.currency) },
      },
      refunds: (order.related_transactions ?? []).some((t) => t.type === "refund")
        ? refundReport(order)
        : null,
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  private async createOrder(
    input: InitiatePaymentInput,
    sessionId: string,
    attempt: number,
  ): Promise<InitiatePaymentOutput> {
    const currency = input.currency_code.toUpperCase()
    const amountMinor = toMinorUnits(input.amount, currency)
    const gateway = this.chooseGateway(input.data?.gateway)
    const cart = (input.data?.[CHECKOUT_CART_KEY] as CheckoutCart | undefined) ?? null
    const shoppingCart = this.shoppingCartFor(gateway, cart, amountMinor)
    const orderId = orderIdFor(sessionId, attempt)
    const request = buildCreateOrderRequest({
      orderId,
      gateway,
      currency,
      amountMinor,
      options: this.config,
      cart,
      shoppingCart,
      customer: input.context?.customer,
    })
    const created = await this.guard("payment creation", () => this.client.createOrder(request))
    return {
      id: orderId,
      status: PaymentSessionStatus.PENDING,
      data: {
        payment_url: created.payment_url,
        ...mspDataPatch({
          order_id: orderId,
          attempt,
          gateway,
          payment_type: null,
          currency,
          amount_minor: amountMinor,
          payment_url: created.payment_url,
          status: "initialized",
          item_refs: shoppingCart?.item_refs ?? {},
        }),
      },
    }
  }

  /**
   * Pay-later methods need the cart (refused without it, or when it does not add up). With no
   * fixed method the cart is sent when it adds up, so the payment page can offer pay-later too.
   */
  private shoppingCartFor(
    gateway: string | null,
    cart: CheckoutCart | null,
    amountMinor: number,
  ): MspShoppingCart | null {
    if (isPayLater(gateway)) {
      if (!cart) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `MultiSafepay ${gateway} needs the cart's lines, and the payment session has none`,
        )
      }
      return buildShoppingCart(cart, amountMinor)
    }
    if (gateway || !cart) return null
    try {
      return buildShoppingCart(cart, amountMinor)
    } catch (error) {
      this.logger.warn(
        `multisafepay: sending the order without its cart: ${(error as Error).message}`,
      )
      return null
    }
  }

  /** The option's fixed gateway, else the storefront's choice if allowed, else the payment page. */
  private chooseGateway(requested: unknown): string | null {
    if (this.config.gateway) return this.config.gateway
    if (requested == null || requested === "") return null
    const code = String(requested).toUpperCase()
    const allowed = this.config.allowedGateways
    if (!/^[A-Z0-9_]{2,30}$/.test(code) || (allowed && !allowed.includes(code))) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `MultiSafepay gateway "${String(requested)}" is not offered`,
      )
    }
    return code
  }

  private async readOrder(orderId: string, operation: string): Promise<MspOrder> {
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
