import { serveGatewayRequest } from "../kit/gateway-request"
import { SandboxKit } from "../kit/sandbox-kit"
import { startSandboxServer } from "../kit/server"
import { multiSafepayRoutes } from "./control/control-routes"
import { createControl } from "./control/create-control"
import { API_PREFIX, mspEndpoint } from "./http/api-handler"
import { handlePaymentPage, PAY_PREFIX } from "./http/payment-page"
import { notifyOnChange } from "./notifications/order-notification"
import type {
  MultiSafepaySandbox,
  MultiSafepaySandboxOptions,
  NotificationRecord,
} from "./sandbox-types"
import { SandboxState, sandboxConfig } from "./state/sandbox-state"

export type {
  DashboardRefundOptions,
  DeliveryAttempt,
  FaultKind,
  FaultSpec,
  MspCartItemJson,
  MspOrderJson,
  MspRelatedTransactionJson,
  MultiSafepaySandbox,
  MultiSafepaySandboxOptions,
  NotificationRecord,
  NotifyOptions,
  PaymentOutcome,
  PayOptions,
  RecordedRequest,
  RefundConvention,
  SandboxControl,
} from "./sandbox-types"
export { notificationAuthHeader } from "./notifications/sign-notification"

/**
 * Starts a local MultiSafepay API double (see README.md): the API under /v1/json/, a payment
 * page under /pay/, and the kit's control API under /_control/.
 */
export async function startMultiSafepaySandbox(
  options: MultiSafepaySandboxOptions,
): Promise<MultiSafepaySandbox> {
  if (typeof options.apiKey !== "string" || options.apiKey === "") {
    throw new Error("startMultiSafepaySandbox: apiKey is required")
  }
  const kit = new SandboxKit<NotificationRecord>({
    name: "multisafepay",
    secrets: [options.apiKey],
    base: options,
    // MultiSafepay retries later on its own schedule; by default the sandbox sends once
    delivery: { retryDelaysMs: options.notificationRetryDelaysMs ?? [], timeoutMs: 10_000 },
  })
  const state = new SandboxState(sandboxConfig(options), kit)
  notifyOnChange(state)
  const control = createControl(state)

  const server = await startSandboxServer({
    kit,
    control,
    controlRoutes: multiSafepayRoutes(control),
    mounts: (origin) => [
      {
        prefix: API_PREFIX,
        handle: (req, res, url) =>
          serveGatewayRequest(kit, req, res, url, mspEndpoint(state, req, url, origin)),
      },
      { prefix: PAY_PREFIX, handle: (req, res, url) => handlePaymentPage(state, req, res, url) },
    ],
  })
  const { origin, close } = server
  return { url: `${origin}${API_PREFIX}`, origin, control, close }
}
