import { GatewayHttpClient } from "../../../gateway-kit"
import { GATEWAY, readSmartpayError } from "./read-error"
import {
  checkoutSessionSchema,
  orderSchema,
  paymentSchema,
  refundSchema,
  SmartpayCheckoutSession,
  SmartpayOrder,
  SmartpayPayment,
  SmartpayRefund,
} from "./schemas"

export interface SmartpayClientOptions {
  /** with a trailing slash, e.g. https://api.smartpay.co/v1/ */
  baseUrl: string
  secretKey: string
  timeoutMs: number
}

/** The ids the API mints (docs/gateways/smartpay.md#ids): checked before they go into a path. */
const ID = /^[a-z]+_(test|live)_[0-9a-zA-Z]+$/

function idInPath(id: string): string {
  if (!ID.test(id)) throw new Error(`"${id}" is not a Smartpay id`)
  return encodeURIComponent(id)
}

/** An order read with its payments as objects (fetched one by one when not expanded). */
export interface SmartpayOrderRead {
  order: SmartpayOrder
  payments: SmartpayPayment[]
}

/**
 * Smartpay's API, only the calls we use (docs/gateways/smartpay.md#paths), over the kit's HTTP
 * client. `Authorization: Basic <secret key>`, the raw key (#authentication): the kit never puts
 * credential headers in a log or an error. Calls that act carry our own `Idempotency-Key`
 * (#idempotency): Smartpay keeps it 6 hours and answers a replay with the first answer.
 */
export class SmartpayClient {
  private readonly http: GatewayHttpClient

  constructor(options: SmartpayClientOptions) {
    this.http = new GatewayHttpClient({
      gateway: GATEWAY,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      headers: () => ({ authorization: `Basic ${options.secretKey}` }),
      readError: readSmartpayError,
    })
  }

  createCheckoutSession(body: unknown, idempotencyKey: string): Promise<SmartpayCheckoutSession> {
    return this.http.call({
      method: "POST",
      path: "checkout-sessions",
      body,
      headers: { "idempotency-key": idempotencyKey },
      schema: checkoutSessionSchema,
    })
  }

  async readOrder(orderId: string): Promise<SmartpayOrder> {
    return this.http.call({
      method: "GET",
      path: `orders/${idInPath(orderId)}?expand=all`,
      schema: orderSchema,
    })
  }

  /** The order and each of its payments (oldest first, as Smartpay lists them). */
  async readOrderWithPayments(orderId: string): Promise<SmartpayOrderRead> {
    const order = await this.readOrder(orderId)
    const payments: SmartpayPayment[] = []
    for (const payment of order.payments) {
      payments.push(typeof payment === "string" ? await this.readPayment(payment) : payment)
    }
    return { order, payments }
  }

  async readPayment(paymentId: string): Promise<SmartpayPayment> {
    return this.http.call({
      method: "GET",
      path: `payments/${idInPath(paymentId)}`,
      schema: paymentSchema,
    })
  }

  async readRefund(refundId: string): Promise<SmartpayRefund> {
    return this.http.call({
      method: "GET",
      path: `refunds/${idInPath(refundId)}`,
      schema: refundSchema,
    })
  }

  /** Every refund of these payments, read one by one (the API lists refund ids on a payment). */
  async readRefunds(payments: readonly SmartpayPayment[]): Promise<SmartpayRefund[]> {
    const refunds: SmartpayRefund[] = []
    for (const payment of payments) {
      for (const id of payment.refunds ?? []) refunds.push(await this.readRefund(id))
    }
    return refunds
  }

  /** A capture: one payment of the order (docs/gateways/smartpay.md#capture). */
  capture(
    body: {
      order: string
      amount: number
      currency: "JPY"
      cancelRemainder: "automatic" | "manual"
    },
    idempotencyKey: string,
  ): Promise<SmartpayPayment> {
    return this.http.call({
      method: "POST",
      path: "payments",
      body,
      headers: { "idempotency-key": idempotencyKey },
      schema: paymentSchema,
    })
  }

  /** docs/gateways/smartpay.md#cancellation: no body */
  async cancelOrder(orderId: string, idempotencyKey: string): Promise<SmartpayOrder> {
    return this.http.call({
      method: "PUT",
      path: `orders/${idInPath(orderId)}/cancellation`,
      headers: { "idempotency-key": idempotencyKey },
      schema: orderSchema,
    })
  }

  /** One refund request, sent once: repeats are the refund steps' decision. */
  refund(body: unknown, idempotencyKey: string): Promise<SmartpayRefund> {
    return this.http.call({
      method: "POST",
      path: "refunds",
      body,
      headers: { "idempotency-key": idempotencyKey },
      schema: refundSchema,
    })
  }

  async close(): Promise<void> {
    await this.http.close()
  }
}
