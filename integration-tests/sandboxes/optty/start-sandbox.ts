import { createServer, IncomingMessage, ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { PAY_PATH } from "./api/create-order"
import { issueToken } from "./auth/token-endpoint"
import { createControl } from "./control/create-control"
import { API_PREFIX, apiRules } from "./http/api-endpoint"
import { CONTROL_PREFIX, handleControlRequest } from "./http/control-handler"
import { handleGatewayRequest, HeldSockets } from "./http/gateway-handler"
import { headerValue, sendJson } from "./http/http-utils"
import { handlePaymentPage } from "./http/payment-page"
import { Notifier } from "./notifications/notifier"
import type { OpttySandbox, OpttySandboxOptions } from "./sandbox-types"
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

export const AUTH_PREFIX = "/auth"

/** "/api" and "/api/…", not "/apix". */
function under(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`)
}

/**
 * Starts a local Optty merchant API double (see README.md): the token endpoint under /auth, the
 * API under /api, a hosted payment page under /pay, and the control API under /_control.
 */
export async function startOpttySandbox(options: OpttySandboxOptions): Promise<OpttySandbox> {
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
  const dispatch = (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const path = url.pathname
    if (under(path, AUTH_PREFIX)) {
      const subPath = path.slice(AUTH_PREFIX.length)
      return handleGatewayRequest(state, req, res, url, held, true, (rawBody) =>
        issueToken(state, req.method ?? "GET", subPath, headerValue(req, "content-type"), rawBody),
      )
    }
    if (under(path, API_PREFIX)) {
      return handleGatewayRequest(
        state,
        req,
        res,
        url,
        held,
        false,
        apiRules(state, req, url, origin),
      )
    }
    if (under(path, CONTROL_PREFIX)) return handleControlRequest(control, req, res, url)
    if (path.startsWith(PAY_PATH)) {
      handlePaymentPage(state, control, req, res, url)
      return Promise.resolve()
    }
    sendJson(res, 404, { error: `Nothing at ${path}` })
    return Promise.resolve()
  }

  const server = createServer((req, res) => {
    dispatch(req, res, new URL(req.url ?? "/", origin)).catch((error: unknown) => {
      state.config.log(`[optty-sandbox] request failed: ${String(error)}`)
      if (!res.headersSent)
        sendJson(res, 500, { statusCode: 500, message: "Internal server error" })
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
    origin,
    authUrl: `${origin}${AUTH_PREFIX}`,
    apiUrl: `${origin}${API_PREFIX}`,
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
