import type { IncomingMessage, ServerResponse } from "node:http"
import { internalError, OpttyError, tooManyRequests, unauthorized } from "../errors"
import type { FaultKind } from "../sandbox-types"
import type { SandboxState } from "../state/sandbox-state"
import { DEFAULT_TIMEOUT_HOLD_MS, takeFault } from "./faults"
import { jsonText, readBody, sendJson, sendText } from "./http-utils"
import { recordRequest } from "./request-log"

/** Sockets a "timeout" fault is holding, so close() can let go of them at once. */
export interface HeldSockets {
  hold(req: IncomingMessage, ms: number): void
}

interface Answer {
  status: number
  body: unknown
}

/** Runs the sandbox's rules: a body for 200, an OpttyError for a refusal, 500 for a sandbox bug. */
function runRules(state: SandboxState, rules: () => unknown): Answer {
  try {
    return { status: 200, body: rules() }
  } catch (error) {
    if (error instanceof OpttyError) return { status: error.statusCode, body: error.body }
    state.config.log(`[optty-sandbox] internal error: ${String(error)}`)
    return { status: 500, body: internalError().body }
  }
}

/** The faults that answer at once, before the request is processed. */
const EARLY_ANSWERS: Partial<Record<FaultKind, () => OpttyError>> = {
  http_500: internalError,
  http_401: unauthorized,
  http_429: tooManyRequests,
}

/** A prefix of the answer: never valid JSON, as an object's closing brace is cut off. */
function truncated(body: unknown): string {
  const text = jsonText(body)
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)))
}

/**
 * One /auth or /api request: read, recorded, then either hit by an armed fault or processed by
 * `rules`. "http_*" and "timeout" faults stop it before processing; "lost_response",
 * "error_after_processing" and "malformed" let it take effect and then spoil the answer.
 */
export async function handleGatewayRequest(
  state: SandboxState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  held: HeldSockets,
  isAuth: boolean,
  rules: (rawBody: string) => unknown,
): Promise<void> {
  const method = req.method ?? "GET"
  const rawBody = await readBody(req)
  const record = recordRequest(state, req, url, rawBody, isAuth)
  state.requestLog.push(record)
  const fault = takeFault(state, method, url.pathname)
  record.fault = fault?.kind ?? null

  const early = fault ? EARLY_ANSWERS[fault.kind] : undefined
  if (early) {
    const error = early()
    record.responseStatus = error.statusCode
    sendJson(
      res,
      error.statusCode,
      error.body,
      fault?.kind === "http_429" ? { "retry-after": "1" } : {},
    )
    return
  }
  if (fault?.kind === "timeout") {
    held.hold(req, fault.holdMs ?? DEFAULT_TIMEOUT_HOLD_MS)
    return
  }

  const answer = runRules(state, () => rules(rawBody))
  record.processedStatus = answer.status
  switch (fault?.kind) {
    case "lost_response":
      req.socket.destroy()
      return
    case "error_after_processing":
      record.responseStatus = 500
      sendJson(res, 500, internalError().body)
      return
    case "malformed":
      record.responseStatus = 200
      sendText(res, 200, truncated(answer.body))
      return
  }
  record.responseStatus = answer.status
  sendJson(res, answer.status, answer.body)
}
