/**
 * Everything under /v1 (docs/gateways/smartpay.md#paths), through the kit's serveGatewayRequest
 * so faults, the request log and its scrubbing apply. Order of checks: the secret key (401),
 * the path (404), the JSON body (400 request.malformed), the Idempotency-Key (replay or 409),
 * then the endpoint's rules. Overdue authorisations expire first (7 days, on the kit clock).
 */
import type { IncomingMessage, ServerResponse } from "node:http"
import type { FaultStatus } from "../../kit/faults"
import {
  serveGatewayRequest,
  type GatewayAnswer,
  type GatewayEndpoint,
} from "../../kit/gateway-request"
import { decodeSegments, headerValue } from "../../kit/http"
import { matchApiRoute } from "../api/api-router"
import { expireOrders } from "../api/order-lifecycle"
import { requireSecretKey } from "../auth/secret-key"
import {
  CODES,
  invalid,
  malformed,
  notFound,
  rateLimited,
  SmartpayError,
  unauthorized,
  unavailable,
  unexpected,
} from "../errors"
import { fingerprintOf } from "../state/idempotency"
import type { SandboxState } from "../state/sandbox-state"
import { replayOrConflict } from "./replay"

export const API_PREFIX = "/v1"

const FAULTS: Record<FaultStatus, () => SmartpayError> = {
  500: unexpected,
  503: unavailable,
  429: rateLimited,
  401: () => unauthorized("The secret key is not valid"),
}

const errorAnswer = (error: SmartpayError): GatewayAnswer => ({
  status: error.httpStatus,
  body: error.body,
})

function parseBody(rawBody: string): unknown {
  if (rawBody.trim() === "") return undefined
  try {
    return JSON.parse(rawBody) as unknown
  } catch {
    throw malformed()
  }
}

/** ours: at most 255 characters; absent = no protection (the SDK always sends one) */
function idempotencyKeyOf(req: IncomingMessage): string | null {
  const key = headerValue(req, "idempotency-key")
  if (key === undefined || key === "") return null
  if (key.length > 255) throw invalid("Idempotency-Key is longer than 255 characters")
  return key
}

function rules(
  state: SandboxState,
  req: IncomingMessage,
  url: URL,
  origin: string,
  rawBody: string,
) {
  const method = req.method ?? "GET"
  requireSecretKey(req, state.config.secretKey)
  const segments = decodeSegments(url.pathname.slice(API_PREFIX.length))
  if (segments === null) throw notFound(CODES.noRoute, `No endpoint ${method} ${url.pathname}`)
  const route = matchApiRoute(state, method, segments)
  const body = parseBody(rawBody)
  expireOrders(state)
  const key = route.acts ? idempotencyKeyOf(req) : null
  const fingerprint = fingerprintOf(method, url.pathname, body)
  if (key !== null) {
    const replay = replayOrConflict(state, key, fingerprint)
    if (replay) return replay
  }
  const context = { origin, expand: url.searchParams.get("expand") === "all", idempotencyKey: key }
  const answer = route.run(body, context)
  if (key !== null && answer.status >= 200 && answer.status < 300) {
    state.idempotency.remember(key, fingerprint, answer, state.nowMs())
  }
  return answer
}

function endpoint(
  state: SandboxState,
  req: IncomingMessage,
  url: URL,
  origin: string,
): GatewayEndpoint {
  return {
    answer(rawBody) {
      try {
        return rules(state, req, url, origin, rawBody)
      } catch (error) {
        if (error instanceof SmartpayError) return errorAnswer(error)
        throw error
      }
    },
    errorAnswer: (status) => errorAnswer(FAULTS[status]()),
  }
}

export function serveSmartpay(
  state: SandboxState,
  origin: string,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  return (req, res, url) =>
    serveGatewayRequest(state.kit, req, res, url, endpoint(state, req, url, origin))
}
