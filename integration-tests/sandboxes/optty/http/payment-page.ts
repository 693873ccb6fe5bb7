import type { IncomingMessage, ServerResponse } from "node:http"
import { decodeSegments, escapeHtml, sendHtml } from "../../kit/http"
import { PAY_PATH } from "../api/create-order"
import { shopperArrived } from "../control/pay-order"
import { formatCents } from "../money/amounts"
import type { PaymentOutcome, SandboxControl } from "../sandbox-types"
import type { SandboxState } from "../state/sandbox-state"

const OUTCOMES: readonly PaymentOutcome[] = ["SUCCESSFUL", "DECLINED", "CANCELLED", "ERROR"]

function page(reference: string, provider: string, amount: string, returnUrl: string): string {
  const base = `${PAY_PATH}${encodeURIComponent(reference)}/result?status=`
  const links = OUTCOMES.map((outcome) => `<a href="${base}${outcome}">${outcome}</a>`)
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Optty sandbox</title></head>
<body>
<h1>Optty sandbox: ${escapeHtml(provider)}</h1>
<p>Order ${escapeHtml(reference)}: ${escapeHtml(amount)}</p>
<p>Finish the payment as: ${links.join(" | ")}</p>
<p>You then return to the shop (the dev store's storefront return page in development):
<code>${escapeHtml(returnUrl)}</code></p>
</body></html>`
}

/**
 * A stand-in for Optty's hosted page, for the dev store: GET /pay/{ref} shows the order (and
 * moves it to PENDING); /pay/{ref}/result?status=X ends the payment like control.pay and
 * redirects the shopper back. Tests drive control.pay directly.
 */
export function handlePaymentPage(
  state: SandboxState,
  control: SandboxControl,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  const [reference, action, ...rest] = decodeSegments(url.pathname.slice(PAY_PATH.length)) ?? []
  const order = reference === undefined ? undefined : state.orders.get(reference)
  if (!order || req.method !== "GET" || rest.length > 0) {
    sendHtml(res, 404, "<!doctype html><p>Unknown payment</p>")
    return
  }
  if (action === undefined) {
    shopperArrived(state, order)
    const amount = `${order.currency} ${formatCents(order.orderAmountCents)}`
    sendHtml(res, 200, page(order.orderReference, order.provider, amount, order.dynamicRedirectUrl))
    return
  }
  if (action !== "result") {
    sendHtml(res, 404, "<!doctype html><p>Unknown action</p>")
    return
  }
  try {
    const status = (url.searchParams.get("status") ?? "SUCCESSFUL") as PaymentOutcome
    const { redirectUrl } = control.pay(order.orderReference, { status })
    res.writeHead(302, { location: redirectUrl })
    res.end()
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    sendHtml(res, 409, `<!doctype html><p>${escapeHtml(message)}</p>`)
  }
}
