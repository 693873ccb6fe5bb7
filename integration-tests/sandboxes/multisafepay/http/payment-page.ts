import type { IncomingMessage, ServerResponse } from "node:http"
import { decodeSegments, escapeHtml, sendHtml } from "../../kit/http"
import { payOrder } from "../control/pay-order"
import { ControlError } from "../errors"
import { SandboxState } from "../state/sandbox-state"

export const PAY_PREFIX = "/pay/"

/** The shopper is sent back with ?transactionid=<order_id>, as MultiSafepay does. */
function redirectTarget(target: unknown, orderId: string): string | null {
  if (typeof target !== "string") return null
  const url = new URL(target)
  url.searchParams.append("transactionid", orderId)
  return url.toString()
}

/** Where the shopper lands afterwards: the dev store's storefront return page, in development. */
function returnsTo(target: unknown): string {
  return typeof target === "string"
    ? `<p>You then return to the shop: <code>${escapeHtml(target)}</code></p>`
    : ""
}

function page(orderId: string, description: string, amount: string, back: string): string {
  const id = encodeURIComponent(orderId)
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>MultiSafepay sandbox</title></head>
<body>
<h1>MultiSafepay sandbox payment</h1>
<p>Order ${escapeHtml(orderId)}: ${escapeHtml(description)} (${escapeHtml(amount)})</p>
<p><a href="/pay/${id}/complete">Pay</a> | <a href="/pay/${id}/cancel">Cancel</a></p>
<p>Choose a method: <a href="/pay/${id}/complete?method=IDEAL">iDEAL</a> |
<a href="/pay/${id}/complete?method=KLARNA">Klarna</a> |
<a href="/pay/${id}/complete?method=CREDITCARD">Card</a></p>
${back}
</body></html>`
}

/**
 * A stand-in for MultiSafepay's hosted payment page, for the dev store: /pay/{id} shows the
 * order, /complete pays it (like control.pay) and /cancel voids it; both redirect back.
 */
export function handlePaymentPage(
  state: SandboxState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  const [orderId, action] = decodeSegments(url.pathname.slice(PAY_PREFIX.length)) ?? []
  const order = orderId === undefined ? undefined : state.findOrder(orderId)
  if (!order || req.method !== "GET") {
    sendHtml(res, 404, "<!doctype html><p>Unknown payment</p>")
    return
  }
  try {
    if (action === undefined) {
      sendHtml(
        res,
        200,
        page(
          order.orderId,
          order.description,
          `${order.amount} ${order.currency} minor units`,
          returnsTo(order.paymentOptions.redirect_url),
        ),
      )
      return
    }
    let target: string | null
    if (action === "complete") {
      const method = url.searchParams.get("method") ?? undefined
      payOrder(state, order, { gateway: method })
      target = redirectTarget(order.paymentOptions.redirect_url, order.orderId)
    } else if (action === "cancel") {
      if (order.paymentStatus !== "initialized")
        throw new ControlError(`The payment is "${order.paymentStatus}"`)
      order.paymentStatus = "void"
      state.changed(order)
      target = redirectTarget(order.paymentOptions.cancel_url, order.orderId)
    } else {
      sendHtml(res, 404, "<!doctype html><p>Unknown action</p>")
      return
    }
    if (target === null) {
      sendHtml(
        res,
        200,
        `<!doctype html><p>Done: the order is ${escapeHtml(order.paymentStatus)}.</p>`,
      )
      return
    }
    res.writeHead(302, { location: target })
    res.end()
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    sendHtml(res, 409, `<!doctype html><p>${escapeHtml(message)}</p>`)
  }
}
