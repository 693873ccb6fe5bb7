import type { IncomingMessage, ServerResponse } from "node:http"
import { routeApi } from "../api/api-router"
import { ErrorCode, MspError } from "../errors"
import type { RecordedRequest } from "../sandbox-types"
import { SandboxState } from "../state/sandbox-state"
import { DEFAULT_TIMEOUT_HOLD_MS, takeFault } from "./faults"
import { decodeSegments, parseJson, readBody, sendJson } from "./http-utils"

export const API_PREFIX = "/v1/json/"

/** Sockets a "timeout" fault is holding, so close() can let go of them at once. */
export interface HeldSockets {
  hold(req: IncomingMessage, ms: number): void
}

const REDACTED = "[redacted]"

function redactedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    headers[name] = name === "api_key" ? REDACTED : Array.isArray(value) ? value.join(", ") : value
  }
  return headers
}

function redactedPath(url: URL): string {
  if (!url.searchParams.has("api_key")) return `${url.pathname}${url.search}`
  const params = new URLSearchParams(url.searchParams)
  params.set("api_key", REDACTED)
  return `${url.pathname}?${params.toString()}`
}

function checkApiKey(state: SandboxState, req: IncomingMessage, url: URL): void {
  const header = req.headers["api_key"]
  const key = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("api_key")
  if (key !== state.config.apiKey) {
    throw new MspError(ErrorCode.INVALID_API_KEY, "Invalid API key")
  }
}

interface Answer {
  status: number
  body: unknown
}

function answerRequest(
  state: SandboxState,
  req: IncomingMessage,
  url: URL,
  rawBody: string,
  origin: string,
): Answer {
  try {
    checkApiKey(state, req, url)
    const parsed = parseJson(rawBody)
    if (!parsed.ok) throw new MspError(ErrorCode.GENERIC, "The request body is not valid JSON")
    const segments = decodeSegments(url.pathname.slice(API_PREFIX.length))
    const data = routeApi(state, req.method ?? "GET", segments, parsed.value, origin)
    return { status: 200, body: { success: true, data } }
  } catch (error) {
    if (error instanceof MspError) return { status: error.httpStatus, body: error.toBody() }
    state.config.log(`[multisafepay-sandbox] internal error: ${String(error)}`)
    return {
      status: 500,
      body: new MspError(ErrorCode.UNKNOWN, `Sandbox internal error: ${String(error)}`).toBody(),
    }
  }
}

const FAULT_STATUS = { status_500: 500, status_503: 503, status_429: 429 } as const

/**
 * One request under /v1/json/: recorded, then either hit by an armed fault or processed. Faults
 * of the "status" kinds answer before anything is processed; "drop_after_processing" and
 * "malformed_json" let the request take effect and then spoil the answer.
 */
export async function handleApiRequest(
  state: SandboxState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  origin: string,
  held: HeldSockets,
): Promise<void> {
  const method = req.method ?? "GET"
  const rawBody = await readBody(req)
  const parsed = parseJson(rawBody)
  const record: RecordedRequest = {
    at: state.now().toISOString(),
    method,
    path: redactedPath(url),
    headers: redactedHeaders(req),
    body: parsed.ok ? parsed.value : undefined,
    rawBody,
    fault: null,
    responseStatus: null,
  }
  state.requestLog.push(record)
  const fault = takeFault(state, method, `${url.pathname}${url.search}`)
  record.fault = fault?.kind ?? null

  switch (fault?.kind) {
    case "reject_before_processing":
      req.socket.destroy()
      return
    case "timeout":
      held.hold(req, fault.holdMs ?? DEFAULT_TIMEOUT_HOLD_MS)
      return
    case "status_500":
    case "status_503":
    case "status_429": {
      const status = FAULT_STATUS[fault.kind]
      record.responseStatus = status
      const info =
        status === 429
          ? "Too many requests"
          : status === 503
            ? "Service unavailable"
            : "Internal server error"
      const headers: Record<string, string> = status === 429 ? { "retry-after": "1" } : {}
      sendJson(res, status, new MspError(ErrorCode.UNKNOWN, info).toBody(), headers)
      return
    }
  }

  const answer = answerRequest(state, req, url, rawBody, origin)
  if (fault?.kind === "drop_after_processing") {
    req.socket.destroy()
    return
  }
  record.responseStatus = answer.status
  if (fault?.kind === "malformed_json") {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" })
    res.end('{"success": true, "data": {"transaction_id": ')
    return
  }
  sendJson(res, answer.status, answer.body)
}
