/**
 * Everything under the served prefix (docs/gateways/worldline.md#paths-and-environments): the
 * token endpoint and the order API, each through the kit's serveGatewayRequest so faults,
 * the request log and its scrubbing apply to all of them. Order of the API's checks: the path
 * (404), the bearer token (401 invalid_token), its scope for this method and path (403
 * insufficient_scope), the JSON body (400 31000), then the endpoint's rules.
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
import { scopeFor } from "../auth/scopes"
import { issueToken, TOKEN_PATH } from "../auth/token-endpoint"
import {
  insufficientScope,
  internalError,
  invalidGrant,
  invalidInput,
  invalidToken,
  notFound,
  OAuthError,
  STATUS,
  throttled,
  unavailable,
  WorldlineError,
} from "../errors"
import type { SandboxState } from "../state/sandbox-state"
import { wireText } from "./wire-json"

/** A fault-forced status in the API's shape; a 401 is an expired token (the provider refetches). */
const API_FAULTS: Record<FaultStatus, () => WorldlineError | OAuthError> = {
  500: internalError,
  503: unavailable,
  429: throttled,
  401: () => invalidToken("The access token has expired"),
}

const TOKEN_FAULTS: Record<FaultStatus, () => OAuthError> = {
  500: () => new OAuthError(500, "server_error", "Internal error, please try again later"),
  503: () => new OAuthError(503, "temporarily_unavailable", "Service temporarily unavailable"),
  429: () => new OAuthError(429, "temporarily_unavailable", "Too many requests"),
  401: () => invalidGrant("The assertion was refused"),
}

function errorAnswer(error: WorldlineError | OAuthError): GatewayAnswer {
  return { status: error.httpStatus, body: error.body }
}

function endpoint(
  rules: (rawBody: string) => GatewayAnswer,
  faults: Record<FaultStatus, () => WorldlineError | OAuthError>,
): GatewayEndpoint {
  return {
    answer(rawBody) {
      try {
        return rules(rawBody)
      } catch (error) {
        if (error instanceof WorldlineError || error instanceof OAuthError) {
          return errorAnswer(error)
        }
        throw error
      }
    },
    errorAnswer: (status) => errorAnswer(faults[status]()),
    jsonText: wireText,
  }
}

function parseBody(rawBody: string): unknown {
  if (rawBody.trim() === "") return undefined
  try {
    return JSON.parse(rawBody) as unknown
  } catch {
    throw invalidInput("The body is not valid JSON", STATUS.unreadableBody)
  }
}

function requireScope(state: SandboxState, req: IncomingMessage, scope: string): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headerValue(req, "authorization") ?? "")
  if (!match) throw invalidToken("A bearer access token is required")
  const check = state.tokens.check(match[1], state.nowMs())
  if (!check.ok) throw invalidToken(check.reason)
  if (!check.scopes.has(scope)) throw insufficientScope(`The access token's scope is not ${scope}`)
}

function apiEndpoint(
  state: SandboxState,
  req: IncomingMessage,
  subPath: string,
  origin: string,
): GatewayEndpoint {
  const method = req.method ?? "GET"
  return endpoint((rawBody) => {
    const segments = decodeSegments(subPath)
    if (segments === null) throw notFound(`No endpoint ${method} ${subPath}`)
    const route = matchApiRoute(state, method, segments, origin)
    requireScope(state, req, scopeFor(method, route.mid, route.action))
    return route.run(parseBody(rawBody))
  }, API_FAULTS)
}

function tokenEndpoint(state: SandboxState, req: IncomingMessage): GatewayEndpoint {
  return endpoint((rawBody) => {
    if (req.method !== "POST") throw notFound(`No endpoint ${req.method} ${TOKEN_PATH}`)
    return { status: 200, body: issueToken(state, headerValue(req, "content-type"), rawBody) }
  }, TOKEN_FAULTS)
}

/** The mount's handler for the configured prefix. */
export function serveWorldline(
  state: SandboxState,
  origin: string,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const prefix = state.config.apiPathPrefix
  return (req, res, url) => {
    const subPath = url.pathname.slice(prefix.length)
    const chosen =
      subPath === TOKEN_PATH ? tokenEndpoint(state, req) : apiEndpoint(state, req, subPath, origin)
    return serveGatewayRequest(state.kit, req, res, url, chosen)
  }
}
