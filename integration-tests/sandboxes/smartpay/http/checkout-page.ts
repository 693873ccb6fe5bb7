/**
 * A stand-in for Smartpay's hosted checkout, for the dev store
 * (docs/gateways/smartpay.md#checkout-session-request): GET /checkout/{checkoutSessionId} shows
 * the order with Authorize and Reject; GET /checkout/{id}/result?outcome=… ends it like
 * control.pay and redirects the shopper to successUrl or cancelUrl. Tests drive control.pay.
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { escapeHtml, sendHtml } from "../../kit/http"
import type { PaymentOutcome, SmartpaySandboxControl } from "../sandbox-types"
import type { StoredOrder } from "../state/model"
import { CHECKOUT_PATH } from "../state/render"
import type { SandboxState } from "../state/sandbox-state"

function page(order: StoredOrder): string {
  const base = `${CHECKOUT_PATH}/${encodeURIComponent(order.checkoutSessionId)}/result`
  const link = (outcome: PaymentOutcome, label: string) =>
    `<a href="${base}?outcome=${outcome}"><button>${label}</button></a>`
  const lines = order.lineItems
    .map(
      (item) =>
        `<li>${escapeHtml(item.name)} (${item.kind}): ${item.quantity} × ${item.unitAmount} JPY</li>`,
    )
    .join("")
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Smartpay sandbox</title></head>
<body>
<h1>Smartpay sandbox checkout</h1>
<p>Order ${escapeHtml(order.id)}: ${order.amount} JPY</p>
<ul>${lines}</ul>
<p>${link("authorized", "Authorize")} ${link("rejected", "Reject")}</p>
</body></html>`
}

export function handleCheckoutPage(
  state: SandboxState,
  control: SmartpaySandboxControl,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  const [sessionId, action, ...rest] = url.pathname
    .slice(CHECKOUT_PATH.length)
    .split("/")
    .filter((part) => part !== "")
  const order = state.orders.get(state.checkoutSessions.get(sessionId ?? "") ?? "")
  if (!order || req.method !== "GET" || rest.length > 0 || (action && action !== "result")) {
    sendHtml(res, 404, "<!doctype html><p>Unknown checkout session</p>")
    return
  }
  if (!action) {
    sendHtml(res, 200, page(order))
    return
  }
  try {
    const outcome = (url.searchParams.get("outcome") ?? "authorized") as PaymentOutcome
    const { redirectUrl } = control.pay(order.id, { outcome })
    res.writeHead(302, { location: redirectUrl })
    res.end()
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    sendHtml(res, 409, `<!doctype html><p>${escapeHtml(message)}</p>`)
  }
}
