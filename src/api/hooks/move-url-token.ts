import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/**
 * The header a payment provider reads a notification URL's secret from. Gateways that sign
 * nothing (Worldline, docs/gateways/worldline.md#notifications) can be given a notification URL
 * with `?token=<secret>`, so strangers cannot even make the store re-read an order. Medusa hands
 * a provider the body and the headers of a webhook, never its URL: this header carries the token.
 */
export const URL_TOKEN_HEADER = "x-line-refunds-url-token"

/**
 * On Medusa's webhook route `POST /hooks/payment/:provider`: moves `?token=` out of the URL into
 * `URL_TOKEN_HEADER`, so the secret never reaches Medusa's request log (it logs the URL when
 * the answer is sent), and drops any such header a caller sent itself, so only the URL can
 * carry the token. Every other query parameter stays where it is.
 */
export function moveUrlToken(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  delete req.headers[URL_TOKEN_HEADER]
  const query = (req.query ?? {}) as Record<string, unknown>
  const token = query.token
  if (token !== undefined) {
    if (typeof token === "string") req.headers[URL_TOKEN_HEADER] = token
    delete query.token
    req.url = withoutToken(req.url)
    req.originalUrl = withoutToken(req.originalUrl)
  }
  next()
}

function withoutToken(url: string): string {
  const at = url.indexOf("?")
  if (at < 0) return url
  const params = new URLSearchParams(url.slice(at + 1))
  params.delete("token")
  const rest = params.toString()
  return rest ? `${url.slice(0, at)}?${rest}` : url.slice(0, at)
}
