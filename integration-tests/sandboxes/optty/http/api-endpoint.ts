import type { IncomingMessage } from "node:http"
import { matchApiRoute } from "../api/api-router"
import { badRequest, noRoute, unauthorized } from "../errors"
import type { SandboxState } from "../state/sandbox-state"
import { decodeSegments, headerValue, isJsonContentType } from "./http-utils"

export const API_PREFIX = "/api"

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
export function apiRules(
  state: SandboxState,
  req: IncomingMessage,
  url: URL,
  origin: string,
): (rawBody: string) => unknown {
  return (rawBody) => {
    const body = parseJsonBody(headerValue(req, "content-type"), rawBody)
    const method = req.method ?? "GET"
    const subPath = url.pathname.slice(API_PREFIX.length)
    const segments = decodeSegments(subPath)
    if (segments === null) throw noRoute(method, subPath)
    const handler = matchApiRoute(state, method, segments, url.searchParams, origin)
    requireToken(state, req)
    return handler(body)
  }
}
