/**
 * The order endpoints below {prefix}/merchants/{mid}/orders/{orderId}
 * (docs/gateways/worldline.md#paths-and-environments). Matching gives the handler and the scope
 * the call needs; an unknown path answers 404 before the token is looked at.
 */
import type { OrderAction } from "../auth/scopes"
import { notFound } from "../errors"
import { renderOrder } from "../state/render-order"
import type { SandboxState } from "../state/sandbox-state"
import { cancelOrder, captureOrder } from "./capture-cancel"
import { createOrder } from "./create-order"
import { refundOrder } from "./refund-order"

export interface ApiAnswer {
  status: number
  body: unknown
}

export interface ApiRoute {
  /** the merchant id in the path: the scope must name it (another mid answers 403) */
  mid: string
  action: OrderAction
  run(body: unknown): ApiAnswer
}

export function matchApiRoute(
  state: SandboxState,
  method: string,
  segments: string[],
  origin: string,
): ApiRoute {
  const [merchants, mid, orders, orderId, action, ...rest] = segments
  if (merchants === "merchants" && orders === "orders" && orderId && rest.length === 0) {
    const route = (routeAction: OrderAction, run: ApiRoute["run"]): ApiRoute => ({
      mid,
      action: routeAction,
      run,
    })
    if (action === undefined && method === "POST") {
      return route("", (body) => createOrder(state, orderId, body, origin))
    }
    if (action === undefined && method === "GET") {
      return route("", () => {
        const order = state.requireOrder(orderId)
        return { status: 200, body: renderOrder(order, state.isPartialCapture(order)) }
      })
    }
    if (method === "POST" && action === "captures") {
      return route("/captures", (body) => captureOrder(state, orderId, body))
    }
    if (method === "POST" && action === "cancels") {
      return route("/cancels", (body) => cancelOrder(state, orderId, body))
    }
    if (method === "POST" && action === "refunds") {
      return route("/refunds", (body) => refundOrder(state, orderId, body))
    }
  }
  throw notFound(`No endpoint ${method} /${segments.map(encodeURIComponent).join("/")}`)
}
