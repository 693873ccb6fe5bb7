import { createServer, IncomingMessage, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { createControl } from "./control/create-control"
import { API_PREFIX, handleApiRequest, HeldSockets } from "./http/api-handler"
import { CONTROL_PREFIX, handleControlRequest } from "./http/control-handler"
import { sendJson } from "./http/http-utils"
import { handlePaymentPage, PAY_PREFIX } from "./http/payment-page"
import { Notifier } from "./notifications/notifier"
import type { MultiSafepaySandbox, MultiSafepaySandboxOptions } from "./sandbox-types"
import { SandboxState, sandboxConfig } from "./state/sandbox-state"

export type {
  DashboardRefundOptions,
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
 * page under /pay/, and the control API under /_control/.
 */
export async function startMultiSafepaySandbox(
  options: MultiSafepaySandboxOptions,
): Promise<MultiSafepaySandbox> {
  if (typeof options.apiKey !== "string" || options.apiKey === "") {
    throw new Error("startMultiSafepaySandbox: apiKey is required")
  }
  const state = new SandboxState(sandboxConfig(options))
  const notifier = new Notifier(state)
  const control = createControl(state, notifier)

  const heldTimers = new Set<NodeJS.Timeout>()
  const held: HeldSockets = {
    hold(req, ms) {
      const timer = setTimeout(() => {
        heldTimers.delete(timer)
        req.socket.destroy()
      }, ms)
      heldTimers.add(timer)
    },
  }

  let origin = ""
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", origin)
    const work = url.pathname.startsWith(API_PREFIX)
      ? handleApiRequest(state, req, res, url, origin, held)
      : url.pathname.startsWith(CONTROL_PREFIX)
        ? handleControlRequest(control, req, res, url)
        : url.pathname.startsWith(PAY_PREFIX)
          ? Promise.resolve(handlePaymentPage(state, req, res, url))
          : Promise.resolve(sendJson(res, 404, { error: `Nothing at ${url.pathname}` }))
    work.catch((error: unknown) => {
      state.config.log(`[multisafepay-sandbox] request failed: ${String(error)}`)
      if (!res.headersSent) sendJson(res, 500, { error: String(error) })
      else res.destroy()
    })
  })

  const host = options.host ?? "127.0.0.1"
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`

  let closing: Promise<void> | null = null
  return {
    url: `${origin}${API_PREFIX}`,
    origin,
    control,
    close() {
      closing ??= (async () => {
        for (const timer of heldTimers) clearTimeout(timer)
        heldTimers.clear()
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        // keep-alive and held ("timeout" fault) sockets would otherwise keep close() waiting
        server.closeAllConnections()
        await notifier.close()
        await stopped
      })()
      return closing
    },
  }
}
