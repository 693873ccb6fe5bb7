import {
  createServer,
  IncomingHttpHeaders,
  IncomingMessage,
  Server,
  ServerResponse,
} from "node:http"
import { createServer as createTcpServer, Server as TcpServer, Socket } from "node:net"
import type { AddressInfo } from "node:net"

/**
 * A tiny scripted HTTP server for client tests: the outer edge (a gateway) and nothing more. It
 * listens on a free port of 127.0.0.1, answers each method + path from a script (status, JSON or
 * raw body, headers, a delay, a dropped connection, a body that never ends), records every request
 * it received, and closes cleanly, destroying any connection it still holds. No gateway rules live
 * here: a test scripts the answers the gateway would give.
 *
 * It lives outside `src/` so `medusa plugin:build` never ships it (tsconfig.json excludes
 * `integration-tests`); `tsconfig.check.json` type-checks it with the tests.
 */

/** What the server does with one request. */
export interface ScriptedReply {
  /** default 200 */
  status?: number
  /** a JSON body (sent with `content-type: application/json`) */
  json?: unknown
  /** a raw body instead of `json` (malformed JSON, HTML error pages, plain text) */
  body?: string
  headers?: Record<string, string>
  /** waits this long after reading the request before answering (or dropping) */
  delayMs?: number
  /**
   * Destroys the connection instead of answering:
   * - `before_body`: as soon as the request's head arrived, without reading its body;
   * - `after_body`: once the whole request body was read (the gateway may have acted on it).
   * A reply computed by a function is decided once the body was read: there, both act as
   * `after_body`.
   */
  drop?: "before_body" | "after_body"
  /** sends the status, the headers and the first bytes of the body, then never finishes it */
  stallBody?: boolean
}

/** One request the server received. */
export interface RecordedRequest {
  method: string
  /** path and query as sent, e.g. `/orders/o1?merchantId=m1` */
  url: string
  /** path without the query */
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** the raw body ("" when the connection was dropped before it was read) */
  body: string
  /** the body parsed as JSON (throws if it is not JSON) */
  json(): unknown
  /** the body parsed as a form (`application/x-www-form-urlencoded`) */
  form(): Record<string, string>
}

/** A scripted answer, or a function of the request (for a stateful edge: tokens, signatures). */
export type Responder =
  | ScriptedReply
  | ((request: RecordedRequest) => ScriptedReply | Promise<ScriptedReply>)

interface Route {
  method: string
  path: string
  replies: Responder[]
}

/** The answer to a request nobody scripted: loud, so the test fails where it went wrong. */
const UNSCRIPTED_STATUS = 599

export class ScriptedServer {
  /** every request received, in order */
  readonly requests: RecordedRequest[] = []
  private routes: Route[] = []
  private readonly sockets = new Set<Socket>()
  private readonly timers = new Set<NodeJS.Timeout>()

  private constructor(
    private readonly server: Server,
    /** base URL with a trailing slash, e.g. `http://127.0.0.1:41234/` */
    readonly url: string,
  ) {}

  static async start(): Promise<ScriptedServer> {
    let self: ScriptedServer | null = null
    const server = createServer((req, res) => void self?.handle(req, res))
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    const { port } = server.address() as AddressInfo
    self = new ScriptedServer(server, `http://127.0.0.1:${port}/`)
    server.on("connection", (socket) => self?.track(socket))
    return self
  }

  /**
   * Scripts `method path` (path without query, e.g. `/orders/o1`; method `*` for any): each request
   * takes the next reply, the last one repeats. A later script of the same route replaces it.
   */
  on(method: string, path: string, ...replies: Responder[]): this {
    if (!replies.length) throw new Error("script at least one reply")
    const key = method.toUpperCase()
    this.routes = this.routes.filter((r) => !(r.method === key && r.path === path))
    this.routes.push({ method: key, path, replies: [...replies] })
    return this
  }

  /** requests received for `method path` (path without query) */
  requestsTo(method: string, path: string): RecordedRequest[] {
    const key = method.toUpperCase()
    return this.requests.filter((r) => (key === "*" || r.method === key) && r.path === path)
  }

  /** forgets the script and the recorded requests, and drops held connections */
  reset(): void {
    this.routes = []
    this.requests.length = 0
    this.dropHeld()
  }

  /** stops listening; connections still open (held, stalled, kept alive) are destroyed */
  async close(): Promise<void> {
    this.dropHeld()
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    )
  }

  private dropHeld(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
  }

  private track(socket: Socket): void {
    this.sockets.add(socket)
    socket.on("close", () => this.sockets.delete(socket))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/"
    const parsed = new URL(url, "http://scripted.local")
    const record = (body: string): RecordedRequest => ({
      method: req.method ?? "GET",
      url,
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
      body,
      json: () => JSON.parse(body),
      form: () => Object.fromEntries(new URLSearchParams(body)),
    })
    const route = this.routes.find(
      (r) => (r.method === "*" || r.method === req.method) && r.path === parsed.pathname,
    )
    const next = route
      ? route.replies.length > 1
        ? route.replies.shift()!
        : route.replies[0]
      : null
    // a reply that drops before the body is decided on the head alone
    if (next && typeof next !== "function" && next.drop === "before_body") {
      this.requests.push(record(""))
      await this.wait(next.delayMs)
      req.socket.destroy()
      return
    }

    const body = await readBody(req)
    const request = record(body)
    this.requests.push(request)
    if (!next) {
      return send(res, {
        status: UNSCRIPTED_STATUS,
        json: { unscripted: `${req.method} ${parsed.pathname}` },
      })
    }
    const reply = typeof next === "function" ? await next(request) : next
    await this.wait(reply.delayMs)
    if (res.destroyed) return
    if (reply.drop) {
      req.socket.destroy()
      return
    }
    send(res, reply)
  }

  private wait(ms: number | undefined): Promise<void> {
    if (!ms) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer)
        resolve()
      }, ms)
      this.timers.add(timer)
    })
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = ""
    req.setEncoding("utf8")
    req.on("data", (chunk: string) => (body += chunk))
    req.on("end", () => resolve(body))
    req.on("error", () => resolve(body))
    req.on("close", () => resolve(body))
  })
}

function send(res: ServerResponse, reply: ScriptedReply): void {
  const text = reply.body ?? (reply.json === undefined ? "" : JSON.stringify(reply.json))
  const headers: Record<string, string> = {
    ...(reply.body === undefined && reply.json !== undefined
      ? { "content-type": "application/json" }
      : {}),
    ...reply.headers,
  }
  if (reply.stallBody) {
    // promise more bytes than are sent: the client waits for the rest of the body
    res.writeHead(reply.status ?? 200, { ...headers, "content-length": String(text.length + 64) })
    res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))) || " ")
    return
  }
  res.writeHead(reply.status ?? 200, headers)
  res.end(text)
}

/** Starts a scripted server on a free port. */
export function startScriptedServer(): Promise<ScriptedServer> {
  return ScriptedServer.start()
}

/**
 * A TCP port that accepts connections and never says a word: an `https://` client waits for the
 * TLS handshake until its connect timeout, so no request is ever sent. Close it to free the port.
 */
export async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
    socket.on("error", () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `https://127.0.0.1:${port}/`,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A base URL where nothing listens (the port was taken, then freed): connections are refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/`
}
