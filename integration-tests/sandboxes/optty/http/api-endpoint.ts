import type { IncomingMessage } from "node:http"
import type { GatewayAnswer, GatewayEndpoint } from "../../kit/gateway-request"
import type { FaultStatus } from "../../kit/faults"
import { decodeSegments, headerValue, isJsonContentType } from "../../kit/http"
import { matchApiRoute } from "../api/api-router"
import { issueToken } from "../auth/token-endpoint"
import {
  badRequest,
  internalError,
  noRoute,
  OpttyError,
  tooManyRequests,
  unauthorized,
} from "../errors"
import type { SandboxState } from "../state/sandbox-state"

export const API_PREFIX = "/api"
export const AUTH_PREFIX = "/auth"

/** What a fault-forced status says, in Optty's (NestJS) error shape. */
const FAULT_ERRORS: Record<FaultStatus, () => OpttyError> = {
  500: internalError,
  503: () => new OpttyError({ statusCode: 503, message: "Service Unavailable" }),
  429: tooManyRequests,
  401: unauthorized,
}

/** Runs Optty rules: a body for 200, an OpttyError's body for a refusal. */
function opttyEndpoint(rules: (rawBody: string) => unknown): GatewayEndpoint {
  return {
    answer(rawBody): GatewayAnswer {
      try {
        return { status: 200, body: rules(rawBody) }
      } catch (error) {
        if (error instanceof OpttyError) return { status: error.statusCode, body: error.body }
        throw error
      }
    },
    errorAnswer(status) {
      const error = FAULT_ERRORS[status]()
      return { status: error.statusCode, body: error.body }
    },
  }
}

/**
 * Like Express's JSON body parser in front of NestJS: only a JSON content type is parsed (any
 * other body reaches validation as {}), and unparseable JSON is a 400 carrying the parser's own
 * message.
 */
function parseJsonBody(contentType: string | undefined, rawBody: string): unknown {
  if (!isJsonContentType(contentType) || rawBody.trim() === "") return {}
  try {
    return JSON.parse(rawBody) as unknown
  } catch (error) {
    throw badRequest(error instanceof Error ? error.message : String(error))
  }
}

function requireToken(state: SandboxState, req: IncomingMessage): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headerValue(req, "authorization") ?? "")
  if (!match || !state.tokens.isValid(match[1], state.now().getTime())) throw unauthorized()
}

/**
 * The rules of one /api request, in NestJS's order: body parsing, route matching (404),
 * the bearer token (401), then the endpoint (validation 400, then its own rules).
 */
export function apiEndpoint(
  state: SandboxState,
  req: IncomingMessage,
  url: URL,
  origin: string,
): GatewayEndpoint {
  return opttyEndpoint((rawBody) => {
    const body = parseJsonBody(headerValue(req, "content-type"), rawBody)
    const method = req.method ?? "GET"
    const subPath = url.pathname.slice(API_PREFIX.length)
    const segments = decodeSegments(subPath)
    if (segments === null) throw noRoute(method, subPath)
    const handler = matchApiRoute(state, method, segments, url.searchParams, origin)
    requireToken(state, req)
    return handler(body)
  })
}

/** The token endpoint under /auth. */
export function authEndpoint(state: SandboxState, req: IncomingMessage, url: URL): GatewayEndpoint {
  const subPath = url.pathname.slice(AUTH_PREFIX.length)
  return opttyEndpoint((rawBody) =>
    issueToken(state, req.method ?? "GET", subPath, headerValue(req, "content-type"), rawBody),
  )
}
