/**
 * The API's paths below /v1 (docs/gateways/smartpay.md#paths). Matching gives the handler; an
 * unknown path answers 404 request.not-found (ours). Query parameters other than `expand`
 * (the SDK adds `dev-lang` and `sdk-version`) are ignored.
 */
import { CODES, notFound } from "../errors"
import type { GatewayAnswer } from "../../kit/gateway-request"
import type { SandboxState } from "../state/sandbox-state"
import { createCheckoutSession, getCheckoutSession } from "./checkout-sessions"
import { cancelOrder, getOrder } from "./orders"
import { createPayment, getPayment } from "./payments"
import { createRefund, getRefund } from "./refunds"

export interface RouteContext {
  origin: string
  /** ?expand=all */
  expand: boolean
  idempotencyKey: string | null
}

export interface ApiRoute {
  /** POST and PUT act: they take an Idempotency-Key */
  acts: boolean
  run(body: unknown, context: RouteContext): GatewayAnswer
}

export function matchApiRoute(state: SandboxState, method: string, segments: string[]): ApiRoute {
  const [collection, id, action, ...rest] = segments
  const read = (run: (context: RouteContext) => GatewayAnswer): ApiRoute => ({
    acts: false,
    run: (_body, context) => run(context),
  })
  if (rest.length === 0) {
    if (method === "POST" && id === undefined) {
      if (collection === "checkout-sessions") {
        return { acts: true, run: (body, c) => createCheckoutSession(state, body, c.origin) }
      }
      if (collection === "payments")
        return { acts: true, run: (body) => createPayment(state, body) }
      if (collection === "refunds") {
        return { acts: true, run: (body, c) => createRefund(state, body, c.idempotencyKey) }
      }
    }
    if (method === "GET" && id !== undefined && action === undefined) {
      if (collection === "checkout-sessions") {
        return read((c) => getCheckoutSession(state, id, c.origin, c.expand))
      }
      if (collection === "orders") return read((c) => getOrder(state, id, c.expand))
      if (collection === "payments") return read(() => getPayment(state, id))
      if (collection === "refunds") return read(() => getRefund(state, id))
    }
    if (
      method === "PUT" &&
      collection === "orders" &&
      id !== undefined &&
      action === "cancellation"
    ) {
      return { acts: true, run: () => cancelOrder(state, id) }
    }
  }
  throw notFound(CODES.noRoute, `No endpoint ${method} /v1/${segments.join("/")}`)
}
