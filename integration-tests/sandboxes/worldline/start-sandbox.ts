import { SandboxKit } from "../kit/sandbox-kit"
import { startSandboxServer } from "../kit/server"
import { PAY_PATH } from "./api/create-order"
import { worldlineRoutes } from "./control/control-routes"
import { createControl } from "./control/create-control"
import { internalError } from "./errors"
import { serveWorldline } from "./http/api-endpoint"
import { handlePaymentPage } from "./http/payment-page"
import type { NotificationRecord, WorldlineSandbox, WorldlineSandboxOptions } from "./sandbox-types"
import { SandboxState, sandboxConfig } from "./state/sandbox-state"

export type * from "./sandbox-types"
export { scopeFor } from "./auth/scopes"
export { JWT_BEARER, TOKEN_PATH } from "./auth/token-endpoint"

/**
 * Starts a local Worldline One Commerce Hub double (see README.md and
 * docs/gateways/worldline.md): the token endpoint and order API under `apiPathPrefix`, the
 * hosted page under /pay, and the kit's control API under /_control.
 */
export async function startWorldlineSandbox(
  options: WorldlineSandboxOptions,
): Promise<WorldlineSandbox> {
  const config = sandboxConfig(options)
  const baseNow = options.now
  const kit = new SandboxKit<NotificationRecord>({
    name: "worldline",
    // nothing the sandbox holds is secret (public keys); the assertion and bearer tokens are
    // scrubbed by name (secret-scrubber.ts)
    secrets: [],
    base: {
      port: options.port,
      host: options.host,
      log: options.log,
      now: baseNow ? () => new Date(baseNow()) : undefined,
    },
    delivery: { retryDelaysMs: options.webhookRetryDelaysMs ?? [500, 2000], timeoutMs: 5_000 },
  })
  const state = new SandboxState(config, kit)
  const control = createControl(state)

  const server = await startSandboxServer({
    kit,
    internalErrorBody: internalError().body,
    control,
    controlRoutes: worldlineRoutes(control),
    mounts: (origin) => [
      { prefix: config.apiPathPrefix, handle: serveWorldline(state, origin) },
      {
        prefix: PAY_PATH,
        handle: (req, res, url) => handlePaymentPage(state, control, req, res, url),
      },
    ],
  })
  return { origin: server.origin, apiUrl: server.origin, control, close: server.close }
}
