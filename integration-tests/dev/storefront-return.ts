/**
 * The dev store's stand-in storefront: only the pages a gateway sends the shopper back to
 * (each descriptor's `redirectUrl` is `<storefront>/checkout/<gateway>/return`, its cancel page
 * `<storefront>/checkout`). A return page does what a storefront does after the redirect:
 * hands the gateway's answer to POST /store/carts/:id/payment-return/<gateway> when the gateway
 * has one to verify (Optty), shows what was verified, places the order (POST
 * /store/carts/:id/complete) and links to it in the admin.
 *
 * A real storefront knows its cart from its session; this one is told by `?cart_id=`, or finds
 * the cart of the payment session the return names (the gateway's demo actions say where).
 */
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { descriptorOf } from "../../src/gateway-kit/descriptors"
import { escapeHtml, sendHtml } from "../sandboxes/kit/http"
import { demoActionsOf } from "./demo-orders"
import { requestJson, storeHeaders } from "./store-http"

export interface DevStorefrontOptions {
  port: number
  /** where Medusa answers (store API, admin) */
  backendUrl: string
  /** the publishable key the store API is called with; null while the store has none */
  publishableKey(): Promise<string | null>
  /** the cart of a Medusa payment session, or null */
  cartOfSession(sessionId: string): Promise<string | null>
}

export interface DevStorefront {
  url: string
  close(): Promise<void>
}

export async function startDevStorefront(options: DevStorefrontOptions): Promise<DevStorefront> {
  const server = createServer((req, res) => {
    handle(options, req, res).catch((error: unknown) =>
      sendHtml(res, 500, page("Something went wrong", `<p>${escapeHtml(String(error))}</p>`)),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return { url: `http://localhost:${port}`, close: () => closeServer(server) }
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

async function handle(options: DevStorefrontOptions, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://storefront")
  const admin = `${options.backendUrl}/app`
  if (req.method !== "GET") return sendHtml(res, 405, page("Not here", "<p>GET only.</p>"))
  const returnPath = /^\/checkout\/([a-z0-9_]+)\/return\/?$/.exec(url.pathname)
  if (returnPath) return sendHtml(res, 200, await shopperReturns(options, returnPath[1], url))
  if (url.pathname === "/checkout" || url.pathname === "/checkout/") {
    return sendHtml(
      res,
      200,
      page("Payment cancelled", `<p>Nothing was paid.</p>${adminLink(admin, "Back to the admin")}`),
    )
  }
  if (url.pathname === "/") {
    return sendHtml(
      res,
      200,
      page(
        "Dev storefront",
        "<p>This page only takes shoppers back from the gateways' sandboxes " +
          "(<code>/checkout/&lt;gateway&gt;/return</code>).</p>" +
          adminLink(admin, "The admin"),
      ),
    )
  }
  sendHtml(res, 404, page("Not found", adminLink(admin, "The admin")))
}

/** The shopper is back from `identifier`'s payment page with its answer in the query. */
async function shopperReturns(
  options: DevStorefrontOptions,
  identifier: string,
  url: URL,
): Promise<string> {
  const admin = `${options.backendUrl}/app`
  const gateway = descriptorOf(identifier)
  if (!gateway) return page("Unknown gateway", `<p>No gateway "${escapeHtml(identifier)}".</p>`)
  const query = new URLSearchParams(url.searchParams)
  const cartId = query.get("cart_id") ?? (await cartOfReturn(options, identifier, query))
  query.delete("cart_id")
  if (!cartId) {
    return page(
      `Back from ${gateway.name}`,
      "<p>Which cart is this? No cart has the payment this return names; add " +
        "<code>?cart_id=</code> to the address.</p>" +
        adminLink(admin, "Back to the admin"),
    )
  }
  const key = await options.publishableKey()
  if (!key) return page("No shop yet", "<p>The store has no publishable key yet.</p>")
  const headers = storeHeaders(key)
  const parts: string[] = []

  if (gateway.capabilities.storefrontReturn) {
    try {
      const answer = await requestJson(
        options.backendUrl,
        "POST",
        `/store/carts/${encodeURIComponent(cartId)}/payment-return/${identifier}`,
        { body: Object.fromEntries(query), headers },
      )
      parts.push(
        `<p>${escapeHtml(gateway.name)} says: <b>${escapeHtml(String(answer.result))}</b> ` +
          `(its order is ${escapeHtml(String(answer.gateway_status))}).</p>`,
      )
      if (answer.result !== "SUCCESSFUL") {
        parts.push("<p>The payment was not made, so no order is placed.</p>")
        return page(`Back from ${gateway.name}`, parts.join("") + adminLink(admin, "The admin"))
      }
    } catch (error) {
      parts.push(`<p>The return was refused: ${escapeHtml(messageOf(error))}</p>`)
      return page(`Back from ${gateway.name}`, parts.join("") + adminLink(admin, "The admin"))
    }
  }

  // "Place order": Medusa asks the gateway itself whether the payment is done
  try {
    const completed = await requestJson(
      options.backendUrl,
      "POST",
      `/store/carts/${encodeURIComponent(cartId)}/complete`,
      { body: {}, headers },
    )
    if (completed.type === "order") {
      parts.push(
        `<p>Order <b>#${escapeHtml(String(completed.order.display_id))}</b> is placed.</p>`,
      )
      parts.push(adminLink(`${admin}/orders/${completed.order.id}`, "See it in the admin"))
    } else {
      parts.push(
        `<p>The order is not placed: ${escapeHtml(completed.error?.message ?? "payment not done")}</p>`,
      )
      parts.push(adminLink(admin, "The admin"))
    }
  } catch (error) {
    parts.push(`<p>The order is not placed: ${escapeHtml(messageOf(error))}</p>`)
    parts.push(adminLink(admin, "The admin"))
  }
  return page(`Back from ${gateway.name}`, parts.join(""))
}

async function cartOfReturn(
  options: DevStorefrontOptions,
  identifier: string,
  query: URLSearchParams,
): Promise<string | null> {
  const gateway = descriptorOf(identifier)
  if (!gateway?.dev.demoOrders) return null
  const session = demoActionsOf(gateway).sessionOfReturn(query)
  return session ? options.cartOfSession(session) : null
}

function messageOf(error: unknown): string {
  const data = (error as { data?: { message?: string } }).data
  return data?.message ?? (error instanceof Error ? error.message : String(error))
}

function adminLink(href: string, text: string): string {
  return `<p><a href="${escapeHtml(href)}">${escapeHtml(text)}</a></p>`
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">
<h1>${escapeHtml(title)}</h1>
${body}
</body></html>`
}
