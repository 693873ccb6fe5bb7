import { z } from "zod"
import { GatewayCall, GatewayError, GatewayHttpClient } from "../../../gateway-kit"
import { GATEWAY, readWorldlineError } from "./read-error"
import {
  createOrderAnswerSchema,
  orderSchema,
  WorldlineCreatedOrder,
  WorldlineOrder,
} from "./schemas"
import {
  OrderScopePath,
  orderScope,
  WorldlineTokenSource,
  WorldlineTokenSourceOptions,
} from "./token-source"

/** The token source's options: the client talks to the same host with the same timeout. */
export type WorldlineClientOptions = WorldlineTokenSourceOptions

/**
 * Worldline's order processing API, only the calls we use
 * (docs/gateways/worldline.md#orders-and-payments). Each call carries a token of its own scope;
 * a 401 was refused before anything happened, so the call is repeated once with a new token.
 * Bodies go out as pre-serialised JSON (`jsonText`) so amounts keep their exact decimals.
 */
export class WorldlineClient {
  private readonly http: GatewayHttpClient
  readonly tokens: WorldlineTokenSource

  constructor(private readonly options: WorldlineClientOptions) {
    this.tokens = new WorldlineTokenSource(options)
    this.http = new GatewayHttpClient({
      gateway: GATEWAY,
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      headers: () => ({}),
      readError: readWorldlineError,
    })
  }

  /** Creates the order and starts its payment; never repeated here (a lost answer is read back). */
  createOrder(orderId: string, jsonText: string): Promise<WorldlineCreatedOrder> {
    return this.authorized("POST", "", orderId, { jsonText, schema: createOrderAnswerSchema })
  }

  readOrder(orderId: string): Promise<WorldlineOrder> {
    return this.authorized("GET", "", orderId, { schema: orderSchema })
  }

  capture(orderId: string, jsonText: string): Promise<WorldlineOrder> {
    return this.authorized("POST", "/captures", orderId, { jsonText, schema: orderSchema })
  }

  cancel(orderId: string, jsonText: string): Promise<WorldlineOrder> {
    return this.authorized("POST", "/cancels", orderId, { jsonText, schema: orderSchema })
  }

  /** One refund request, sent once: repeats are the refund steps' decision. */
  refund(orderId: string, jsonText: string): Promise<WorldlineOrder> {
    return this.authorized("POST", "/refunds", orderId, { jsonText, schema: orderSchema })
  }

  async close(): Promise<void> {
    await Promise.all([this.http.close(), this.tokens.close()])
  }

  /** `{prefix}/merchants/{mid}/orders/{orderId}{suffix}`, relative to the base URL */
  orderPath(orderId: string, suffix: OrderScopePath): string {
    const prefix = this.options.apiPathPrefix.replace(/^\//, "")
    return `${prefix}/merchants/${this.options.merchantId}/orders/${encodeURIComponent(orderId)}${suffix}`
  }

  private async authorized<T>(
    method: "GET" | "POST",
    suffix: OrderScopePath,
    orderId: string,
    call: Pick<GatewayCall<T>, "jsonText"> & { schema: z.ZodType<T> },
  ): Promise<T> {
    const scope = orderScope(method, this.options.merchantId, suffix)
    for (let attempt = 1; ; attempt++) {
      const token = await this.tokenFor(scope)
      try {
        return await this.http.call({
          ...call,
          method,
          path: this.orderPath(orderId, suffix),
          headers: { authorization: `Bearer ${token}` },
        })
      } catch (error) {
        const refused = error instanceof GatewayError && error.details.http_status === 401
        if (!refused || attempt > 1) throw error
        this.tokens.invalidate(scope, token)
      }
    }
  }

  /** A token that could not be had means the call was never sent: never an unknown outcome. */
  private async tokenFor(scope: string): Promise<string> {
    try {
      return await this.tokens.token(scope)
    } catch (error) {
      if (error instanceof GatewayError && error.kind !== "ambiguous") throw error
      const detail = error instanceof Error ? error.message : String(error)
      throw new GatewayError(GATEWAY, "unavailable", `not sent, no access token (${detail})`)
    }
  }
}
