import { notFound } from "../errors"
import type { OpttyOrderDetailsJson } from "../sandbox-types"
import { renderDetails } from "../state/render-details"
import type { SandboxState } from "../state/sandbox-state"

/**
 * POST /orders/{orderReference}/details?merchantId=…: a read despite the POST. A merchantId
 * other than the sandbox's (or none) answers 404 like an unknown order: Optty scopes orders to
 * the merchant, so another merchant's order does not exist for the caller. The body is ignored.
 */
export function orderDetails(
  state: SandboxState,
  orderReference: string,
  query: URLSearchParams,
): OpttyOrderDetailsJson {
  if (query.get("merchantId") !== state.config.merchantId) throw notFound()
  return renderDetails(state.requireOrder(orderReference))
}
