import { createServer, IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"

export interface ReceivedWebhook {
  method: string
  path: string
  headers: IncomingHttpHeaders
  rawBody: string
}

/**
 * A merchant webhook endpoint that records what arrives. It answers the statuses queued in
 * `script` first (e.g. [500, 500] fails the first two calls), then 200.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = []
  const script: number[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString("utf8"),
      })
      res.writeHead(script.shift() ?? 200, { "content-type": "text/plain" })
      res.end("OK")
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/payment/optty_optty`,
    received,
    script,
    bodies: () => received.map((call) => JSON.parse(call.rawBody) as Record<string, unknown>),
    clear() {
      received.length = 0
      script.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
