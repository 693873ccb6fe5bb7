import { createServer, IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"

export interface ReceivedNotification {
  method: string
  url: URL
  headers: IncomingHttpHeaders
  rawBody: string
}

/** A merchant webhook endpoint that records what arrives and answers "OK". */
export async function startNotificationReceiver() {
  const received: ReceivedNotification[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        url: new URL(req.url ?? "/", "http://receiver"),
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString("utf8"),
      })
      res.writeHead(200, { "content-type": "text/plain" })
      res.end("OK")
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/payment/multisafepay`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
