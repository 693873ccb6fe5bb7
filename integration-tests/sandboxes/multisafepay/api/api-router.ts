import { ErrorCode, MspError } from "../errors"
import { renderOrder } from "../state/render-order"
import { SandboxState } from "../state/sandbox-state"
import { cancelAuthorization, captureOrder } from "./capture"
import { createOrder } from "./create-order"
import { cancelRefund, refundOrder } from "./refund-order"
import { updateOrder } from "./update-order"

/**
 * The MultiSafepay endpoints the sandbox implements, below /v1/json/. Returns the `data` of a
 * success envelope; rule violations throw MspError.
 */
export function routeApi(
  state: SandboxState,
  method: string,
  segments: string[],
  body: unknown,
  origin: string,
): unknown {
  const [resource, id, sub, subId, ...rest] = segments
  const route = `${method} ${[resource, id && ":id", sub, subId && ":id"].filter(Boolean).join("/")}`
  if (rest.length === 0) {
    switch (route) {
      case "POST orders":
        return createOrder(state, body, origin)
      case "GET orders/:id":
        return renderOrder(state.requireOrder(id))
      case "PATCH orders/:id":
        updateOrder(state, id, body)
        return {}
      case "POST orders/:id/capture":
        return captureOrder(state, id, body)
      case "PATCH capture/:id":
        cancelAuthorization(state, id, body)
        return {}
      case "POST orders/:id/refunds":
        return refundOrder(state, id, body)
      case "PATCH orders/:id/refunds/:id":
        cancelRefund(state, id, subId, body)
        return {}
    }
  }
  throw new MspError(
    ErrorCode.GENERIC,
    `Unknown endpoint ${method} /v1/json/${segments.join("/")} (not implemented by the sandbox)`,
    404,
  )
}
