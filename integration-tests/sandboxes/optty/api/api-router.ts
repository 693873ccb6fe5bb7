import { noRoute } from "../errors"
import type { SandboxState } from "../state/sandbox-state"
import { captureOrder, voidOrder } from "./capture-void"
import { createOrder } from "./create-order"
import { orderDetails } from "./order-details"
import { refundOrder } from "./refund-order"

/** A matched endpoint, run only once the caller's token was accepted. */
export type ApiHandler = (body: unknown) => unknown

/**
 * The Optty endpoints the sandbox implements, below /api. Like NestJS, an unknown path answers
 * 404 "Cannot POST /…" before authentication is looked at.
 */
export function matchApiRoute(
  state: SandboxState,
  method: string,
  segments: string[],
  query: URLSearchParams,
  origin: string,
): ApiHandler {
  const [resource, reference, action, ...rest] = segments
  if (method === "POST" && resource === "orders" && rest.length === 0) {
    if (reference === undefined) return (body) => createOrder(state, body, origin)
    switch (action) {
      case "details":
        return () => orderDetails(state, reference, query)
      case "capture":
        return (body) => captureOrder(state, reference, body)
      case "void":
        return (body) => voidOrder(state, reference, body)
      case "refund":
        return (body) => refundOrder(state, reference, body)
    }
  }
  throw noRoute(method, `/${segments.map(encodeURIComponent).join("/")}`)
}
