/**
 * One request to a gateway's API, end to end: read, recorded, then either hit by an armed fault
 * or answered by the gateway's rules. Faults that answer an HTTP status or time out stop it
 * before the rules run; "lost_response", "error_after_processing" and "malformed" let the
 * rules act and then spoil the answer, which is the case a refund must never be made twice in.
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import { DEFAULT_TIMEOUT_HOLD_MS, FaultStatus, STATUS_FAULTS, StatusFault } from "./faults"
import { readBody, sendText } from "./http"
import type { SandboxKit } from "./sandbox-kit"

export interface GatewayAnswer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

export interface GatewayEndpoint {
  /** the gateway's rules for one request; a refusal is an answer, not an exception */
  answer(rawBody: string): GatewayAnswer
  /** the gateway's own error answer for a status a fault forces */
  errorAnswer(status: FaultStatus): GatewayAnswer
  /**
   * how the gateway writes a body as JSON text; default JSON.stringify (a gateway whose amounts
   * carry trailing zeros, 10.50, writes its own)
   */
  jsonText?(body: unknown): string
}

/** A prefix of the answer: never valid JSON, as an object's closing brace is cut off. */
function truncated(text: string): string {
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)))
}

export async function serveGatewayRequest(
  kit: SandboxKit,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  endpoint: GatewayEndpoint,
): Promise<void> {
  const method = req.method ?? "GET"
  const jsonText = (body: unknown) =>
    (endpoint.jsonText ? endpoint.jsonText(body) : JSON.stringify(body)) ?? ""
  const send = (answer: GatewayAnswer) =>
    sendText(res, answer.status, jsonText(answer.body), answer.headers)
  const rawBody = await readBody(req)
  const record = kit.requests.record(req, url, rawBody)
  const fault = kit.faults.take(method, url.pathname, url.search)
  record.fault = fault?.kind ?? null

  if (fault && fault.kind in STATUS_FAULTS) {
    const status = STATUS_FAULTS[fault.kind as StatusFault]
    const answer = endpoint.errorAnswer(status)
    // a rate limit says when to come back, as real gateways do
    const headers = status === 429 ? { "retry-after": "1", ...answer.headers } : answer.headers
    record.responseStatus = answer.status
    send({ ...answer, headers })
    return
  }
  if (fault?.kind === "timeout") {
    kit.held.hold(req, fault.holdMs ?? DEFAULT_TIMEOUT_HOLD_MS)
    return
  }
  if (fault?.kind === "connection_reset") {
    req.socket.destroy()
    return
  }

  let answer: GatewayAnswer
  try {
    answer = endpoint.answer(rawBody)
  } catch (error) {
    kit.log(`[${kit.name}-sandbox] internal error: ${String(error)}`)
    answer = endpoint.errorAnswer(500)
  }
  record.processedStatus = answer.status
  switch (fault?.kind) {
    case "lost_response":
      // with holdMs the client waits and times out, as when the gateway answers too late
      if (fault.holdMs !== undefined) kit.held.hold(req, fault.holdMs)
      else req.socket.destroy()
      return
    case "error_after_processing": {
      const error = endpoint.errorAnswer(500)
      record.responseStatus = error.status
      send(error)
      return
    }
    case "malformed":
      record.responseStatus = 200
      sendText(res, 200, truncated(jsonText(answer.body)))
      return
  }
  record.responseStatus = answer.status
  send(answer)
}
