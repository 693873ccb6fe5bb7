/**
 * A sandbox's HTTP server: listens, sends each request to the first mount whose prefix it is
 * under (the control API is always mounted), and closes without waiting for keep-alive or
 * held sockets, so a test suite's afterAll never hangs on a scripted timeout.
 */
import { createServer, IncomingMessage, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { CONTROL_PREFIX, ControlRoute, ControlRouter, kitRoutes } from "./control-router"
import { isUnder, sendJson } from "./http"
import type { KitControl } from "./kit-control"
import type { SandboxKit } from "./sandbox-kit"

export interface Mount {
  /** e.g. "/api": matches "/api" and "/api/…" */
  prefix: string
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | void
}

export interface ServerOptions {
  kit: SandboxKit
  /** the sandbox's control: the kit's endpoints call it */
  control: KitControl & { reset(): void }
  /** the gateway's own /_control endpoints */
  controlRoutes: ControlRoute[]
  /** the gateway's parts; given the origin, which payment pages and redirects are built on */
  mounts: (origin: string) => Mount[]
  /** what a request that fails unexpectedly is answered, in the gateway's shape */
  internalErrorBody?: unknown
}

export interface SandboxServer {
  /** e.g. http://127.0.0.1:4010 */
  origin: string
  close(): Promise<void>
}

/** The listening address as an origin; known before the first request can arrive. */
async function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string,
): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`
}

export async function startSandboxServer(options: ServerOptions): Promise<SandboxServer> {
  const { kit } = options
  const control = new ControlRouter(kit.name, [
    ...kitRoutes(options.control),
    ...options.controlRoutes,
  ])
  let mounts: Mount[] = []
  let origin = "http://sandbox.invalid"
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", origin)
    const mount = mounts.find((candidate) => isUnder(url.pathname, candidate.prefix))
    const work = mount
      ? Promise.resolve().then(() => mount.handle(req, res, url))
      : Promise.resolve(sendJson(res, 404, { error: `Nothing at ${url.pathname}` }))
    work.catch((error: unknown) => {
      kit.log(`[${kit.name}-sandbox] request failed: ${String(error)}`)
      if (!res.headersSent)
        sendJson(res, 500, options.internalErrorBody ?? { error: String(error) })
      else res.destroy()
    })
  })
  origin = await listen(server, kit.base.port ?? 0, kit.base.host ?? "127.0.0.1")
  // set before the first request can be read: requests are handled on later turns
  mounts = [
    { prefix: CONTROL_PREFIX, handle: (req, res, url) => control.handle(req, res, url) },
    ...options.mounts(origin),
  ]

  let closing: Promise<void> | null = null
  return {
    origin,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        // keep-alive and held ("timeout" fault) sockets would otherwise keep close() waiting
        server.closeAllConnections()
        await kit.close()
        await stopped
      })()
      return closing
    },
  }
}
