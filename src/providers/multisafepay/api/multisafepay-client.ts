import { failureKindOf, GatewayError, GatewayHttpClient } from "../../../gateway-kit"
import {
  anyResponse,
  createOrderResponse,
  errorEnvelope,
  MspOrder,
  orderResponse,
  refundResponse,
} from "./schemas"
import { CreateOrderRequest, RefundRequest } from "./requests"

const GATEWAY = "MultiSafepay"

/** MultiSafepay error codes that mean "we don't know this order/refund" or "wrong key". */
const NOT_FOUND_CODES = new Set(["1006"])
const AUTH_CODES = new Set(["1032"])

/**
 * The MultiSafepay JSON API, only the calls we use. Credentials go in the `api_key` header, never
 * the query string, so they stay out of access logs; errors carry MultiSafepay's `error_info`.
 */
export class MultiSafepayClient {
  private readonly http: GatewayHttpClient

  constructor(options: { baseUrl: string; apiKey: string; timeoutMs: number }) {
    this.http = new GatewayHttpClient({
      gateway: GATEWAY,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      headers: () => ({ api_key: options.apiKey }),
      readError,
    })
  }

  async createOrder(body: CreateOrderRequest) {
    const { data } = await this.http.call({
      method: "POST",
      path: "orders",
      body,
      schema: createOrderResponse,
    })
    return data
  }

  async getOrder(orderId: string): Promise<MspOrder> {
    const { data } = await this.http.call({
      method: "GET",
      path: `orders/${encodeURIComponent(orderId)}`,
      schema: orderResponse,
    })
    return data
  }

  async updateOrder(orderId: string, body: Record<string, unknown>) {
    await this.http.call({
      method: "PATCH",
      path: `orders/${encodeURIComponent(orderId)}`,
      body,
      schema: anyResponse,
    })
  }

  async captureOrder(orderId: string, body: Record<string, unknown>) {
    await this.http.call({
      method: "POST",
      path: `orders/${encodeURIComponent(orderId)}/capture`,
      body,
      schema: anyResponse,
    })
  }

  async cancelAuthorization(orderId: string, body: Record<string, unknown>) {
    await this.http.call({
      method: "PATCH",
      path: `capture/${encodeURIComponent(orderId)}`,
      body,
      schema: anyResponse,
    })
  }

  async refund(orderId: string, body: RefundRequest) {
    const { data } = await this.http.call({
      method: "POST",
      path: `orders/${encodeURIComponent(orderId)}/refunds`,
      body,
      schema: refundResponse,
    })
    return { refund_id: data?.refund_id ?? null, transaction_id: data?.transaction_id ?? null }
  }
}

/** MultiSafepay answers errors with `success: false`, sometimes with HTTP 200. */
function readError(status: number, body: unknown): GatewayError | null {
  const parsed = errorEnvelope.safeParse(body)
  if (!parsed.success) return null
  const code = parsed.data.error_code != null ? String(parsed.data.error_code) : null
  const message = parsed.data.error_info || `HTTP ${status}`
  const kind = failureKindOf(status, {
    notFound: !!code && NOT_FOUND_CODES.has(code),
    auth: !!code && AUTH_CODES.has(code),
  })
  return new GatewayError(GATEWAY, kind, message, { http_status: status, code })
}
