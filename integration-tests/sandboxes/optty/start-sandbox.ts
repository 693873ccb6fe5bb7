import { serveGatewayRequest } from "../kit/gateway-request"
import { SandboxKit } from "../kit/sandbox-kit"
import { startSandboxServer } from "../kit/server"
import { PAY_PATH } from "./api/create-order"
import { opttyRoutes } from "./control/control-routes"
import { createControl } from "./control/create-control"
import { API_PREFIX, apiEndpoint, AUTH_PREFIX, authEndpoint } from "./http/api-endpoint"
import { handlePaymentPage } from "./http/payment-page"
import { internalError } from "./errors"
import type { NotificationRecord, OpttySandbox, OpttySandboxOptions } from "./sandbox-types"
import { SandboxState, sandboxConfig } from "./state/sandbox-state"

export type {
  DashboardRefundOptions,
  DeliveryAttempt,
  FaultKind,
  FaultSpec,
  NotificationRecord,
  OpttyErrorBody,
  OpttyOrderDetailsJson,
  OpttyOrderState,
  OpttyRefundJson,
  OpttySandbox,
  OpttySandboxOptions,
  PaymentOutcome,
  PaymentStatus,
  PayOptions,
  RecordedRequest,
  RefundStatus,
  SandboxControl,
  SettleRefundOptions,
} from "./sandbox-types"
export { resultHash } from "./control/result-hash"
export { AUTH_PREFIX } from "./http/api-endpoint"

/**
 * Starts a local Optty merchant API double (see README.md): the token endpoint under /auth, the
 * API under /api, a hosted payment page under /pay, and the kit's control API under /_control.
 */
export async function startOpttySandbox(options: OpttySandboxOptions): Promise<OpttySandbox> {
  const config = sandboxConfig(options)
  const kit = new SandboxKit<NotificationRecord>({
    name: "optty",
    secrets: [config.clientSecret, config.paymentSecret],
    base: options,
    delivery: { retryDelaysMs: options.webhookRetryDelaysMs ?? [500, 2000], timeoutMs: 5_000 },
  })
  const state = new SandboxState(config, kit)
  const control = createControl(state)

  const server = await startSandboxServer({
    kit,
    internalErrorBody: internalError().body,
    control,
    controlRoutes: opttyRoutes(control),
    mounts: (origin) => [
      {
        prefix: AUTH_PREFIX,
        handle: (req, res, url) =>
          serveGatewayRequest(kit, req, res, url, authEndpoint(state, req, url)),
      },
      {
        prefix: API_PREFIX,
        handle: (req, res, url) =>
          serveGatewayRequest(kit, req, res, url, apiEndpoint(state, req, url, origin)),
      },
      {
        prefix: PAY_PATH,
        handle: (req, res, url) => handlePaymentPage(state, control, req, res, url),
      },
    ],
  })
  const { origin, close } = server
  return {
    origin,
    authUrl: `${origin}${AUTH_PREFIX}`,
    apiUrl: `${origin}${API_PREFIX}`,
    control,
    close,
  }
}
