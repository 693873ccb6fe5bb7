import { SandboxKit } from "../kit/sandbox-kit"
import { startSandboxServer } from "../kit/server"
import { smartpayRoutes } from "./control/control-routes"
import { createControl } from "./control/create-control"
import { unexpected } from "./errors"
import { API_PREFIX, serveSmartpay } from "./http/api-endpoint"
import { handleCheckoutPage } from "./http/checkout-page"
import type { NotificationRecord, SmartpaySandbox, SmartpaySandboxOptions } from "./sandbox-types"
import { CHECKOUT_PATH } from "./state/render"
import { SandboxState, sandboxConfig } from "./state/sandbox-state"

export type * from "./sandbox-types"
export { webhookSignature } from "./notifications/signature"
export { base62Decode, base62Encode } from "./notifications/base62"

/**
 * Starts a local Smartpay double (see README.md and docs/gateways/smartpay.md): the API under
 * /v1, the hosted checkout under /checkout, and the kit's control API under /_control.
 */
export async function startSmartpaySandbox(
  options: SmartpaySandboxOptions,
): Promise<SmartpaySandbox> {
  const config = sandboxConfig(options)
  const baseNow = options.now
  const wallClockMs = () => (baseNow ? new Date(baseNow()).getTime() : Date.now())
  const kit = new SandboxKit<NotificationRecord>({
    name: "smartpay",
    // the secret key and the signing secret never show in the request log, records or logs
    secrets: [config.secretKey, config.signingSecret],
    base: {
      port: options.port,
      host: options.host,
      log: options.log,
      now: baseNow ? () => new Date(baseNow()) : undefined,
    },
    delivery: {
      retryDelaysMs: options.webhookRetryDelaysMs ?? [500, 2000, 5000],
      timeoutMs: 5_000,
      // anything but 200 is retried (docs/gateways/smartpay.md#webhooks)
      delivered: (statusCode) => statusCode === 200,
    },
  })
  const state = new SandboxState(config, kit, wallClockMs)
  const control = createControl(state)

  const server = await startSandboxServer({
    kit,
    internalErrorBody: unexpected().body,
    control,
    controlRoutes: smartpayRoutes(control),
    mounts: (origin) => [
      { prefix: API_PREFIX, handle: serveSmartpay(state, origin) },
      {
        prefix: CHECKOUT_PATH,
        handle: (req, res, url) => handleCheckoutPage(state, control, req, res, url),
      },
    ],
  })
  return {
    origin: server.origin,
    apiUrl: `${server.origin}${API_PREFIX}`,
    control,
    close: server.close,
  }
}
