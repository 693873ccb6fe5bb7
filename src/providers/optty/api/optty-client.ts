import { z } from "zod"
import { GatewayCall, GatewayError, GatewayHttpClient } from "../../../gateway-kit"
import { GATEWAY, readOpttyError } from "./read-error"
import { CaptureRequest, CreateOrderRequest, RefundRequest, VoidRequest } from "./requests"
import {
  captureResponse,
  createOrderResponse,
  OpttyOrderDetails,
  orderDetails,
  refundResponse,
  voidResponse,
} from "./schemas"
import { OpttyTokenSource } from "./token-source"

export interface OpttyClientOptions {
  authUrl: string
  apiUrl: string
  clientId: string
  clientSecret: string
  merchantId: string
  timeoutMs: number
  now?: () => number
}

/**
 * Optty's merchant API, only the calls we use. Every call carries a cached bearer token; a 401
 * means Optty no longer accepts that token (expired early, revoked), so the call is repeated
 * once with a fresh one. That repeat is safe even for refunds: a 401 is answered before Optty
 * does anything. A second 401 is a configuration problem and is reported as such.
 */
export class OpttyClient {
  private readonly http: GatewayHttpClient
  private readonly tokens: OpttyTokenSource

  constructor(private readonly options: OpttyClientOptions) {
    this.tokens = new OpttyTokenSource(options)
    this.http = new GatewayHttpClient({
      gateway: GATEWAY,
      baseUrl: options.apiUrl,
      timeoutMs: options.timeoutMs,
      headers: () => ({}),
      readError: readOpttyError,
    })
  }

  createOrder(body: CreateOrderRequest) {
    return this.authorized({ method: "POST", path: "orders", body, schema: createOrderResponse })
  }

  /** Optty exposes this read as POST; it moves nothing, so it may be repeated. */
  details(orderReference: string): Promise<OpttyOrderDetails> {
    const merchant = encodeURIComponent(this.options.merchantId)
    return this.authorized({
      method: "POST",
      path: `${orderPath(orderReference)}/details?merchantId=${merchant}`,
      body: {},
      safeToRepeat: true,
      schema: orderDetails,
    })
  }

  capture(orderReference: string, body: CaptureRequest) {
    return this.authorized({
      method: "POST",
      path: `${orderPath(orderReference)}/capture`,
      body,
      schema: captureResponse,
    })
  }

  void(orderReference: string, body: VoidRequest) {
    return this.authorized({
      method: "POST",
      path: `${orderPath(orderReference)}/void`,
      body,
      schema: voidResponse,
    })
  }

  refund(orderReference: string, body: RefundRequest) {
    return this.authorized({
      method: "POST",
      path: `${orderPath(orderReference)}/refund`,
      body,
      schema: refundResponse,
    })
  }

  async close(): Promise<void> {
    await Promise.all([this.http.close(), this.tokens.close()])
  }

  private async authorized<T>(call: Omit<GatewayCall<T>, "headers"> & { schema: z.ZodType<T> }) {
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokens.token()
      try {
        return await this.http.call({ ...call, headers: { authorization: `Bearer ${token}` } })
      } catch (error) {
        const refused = error instanceof GatewayError && error.details.http_status === 401
        if (!refused || attempt > 1) throw error
        this.tokens.invalidate(token)
      }
    }
  }
}

function orderPath(orderReference: string): string {
  return `orders/${encodeURIComponent(orderReference)}`
}
