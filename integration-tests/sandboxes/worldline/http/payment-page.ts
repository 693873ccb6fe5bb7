/**
 * A stand-in for Worldline's hosted payment page, for the dev store
 * (docs/gateways/worldline.md#orders-and-payments): GET /pay/?creq=… shows the order with Pay
 * and Decline; GET /pay/result?creq=…&outcome=… ends the payment like control.pay and redirects
 * the shopper to returnUrl?orderId=…&cres=…. Tests drive control.pay directly.
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { escapeHtml, sendHtml } from "../../kit/http"
import { PAY_PATH } from "../api/create-order"
import { formatMinor } from "../money/amounts"
import type { PaymentOutcome, WorldlineSandboxControl } from "../sandbox-types"
import type { SandboxState } from "../state/sandbox-state"

function page(orderId: string, amount: string, creq: string, description: string | null): string {
  const link = (outcome: PaymentOutcome, label: string) =>
    `<a href="${PAY_PATH}/result?creq=${encodeURIComponent(creq)}&amp;outcome=${outcome}"><button>${label}</button></a>`
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Worldline sandbox</title></head>
<body>
<h1>Worldline sandbox payment</h1>
<p>Order ${escapeHtml(orderId)}: ${escapeHtml(amount)}</p>
${description ? `<p>${escapeHtml(description)}</p>` : ""}
<p>${link("authorized", "Pay")} ${link("declined", "Decline")}</p>
</body></html>`
}

export function handlePaymentPage(
  state: SandboxState,
  control: WorldlineSandboxControl,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  const creq = url.searchParams.get("creq") ?? ""
  const orderId = state.creqs.get(creq)
  const order = orderId === undefined ? undefined : state.orders.get(orderId)
  const action = url.pathname.slice(PAY_PATH.length).replace(/^\/+|\/+$/g, "")
  if (!order || req.method !== "GET" || (action !== "" && action !== "result")) {
    sendHtml(res, 404, "<!doctype html><p>Unknown payment</p>")
    return
  }
  if (action === "") {
    const amount = `${order.currency} ${formatMinor(order.orderAmountMinor, order.currency)}`
    sendHtml(res, 200, page(order.orderId, amount, creq, order.orderDescription))
    return
  }
  try {
    const outcome = (url.searchParams.get("outcome") ?? "authorized") as PaymentOutcome
    const { redirectUrl } = control.pay(order.orderId, { outcome })
    res.writeHead(302, { location: redirectUrl })
    res.end()
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    sendHtml(res, 409, `<!doctype html><p>${escapeHtml(message)}</p>`)
  }
}
