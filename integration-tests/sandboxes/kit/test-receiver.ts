/**
 * A merchant's webhook endpoint for tests: records every call as it arrived (raw body
 * included, so signatures can be checked) and answers the statuses queued in `script` first
 * (e.g. [500, 500] fails the next two calls), then 200 "OK".
 */
import { createServer, IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"

export interface ReceivedCall {
  method: string
  /** as received, with the query */
  path: string
  url: URL
  headers: IncomingHttpHeaders
  rawBody: string
}

export interface TestReceiver {
  /** the URL to give the sandbox: the receiver's origin + `path` */
  url: string
  received: ReceivedCall[]
  script: number[]
  /** every body parsed as JSON */
  bodies(): Array<Record<string, unknown>>
  clear(): void
  close(): Promise<void>
}

export async function startTestReceiver(path = "/hooks"): Promise<TestReceiver> {
  const received: ReceivedCall[] = []
  const script: number[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        path: req.url ?? "",
        url: new URL(req.url ?? "/", "http://receiver"),
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
    url: `http://127.0.0.1:${port}${path}`,
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
