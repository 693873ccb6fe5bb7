import type { IncomingMessage } from "node:http"
import type { GatewayAnswer, GatewayEndpoint } from "../../kit/gateway-request"
import type { FaultStatus } from "../../kit/faults"
import { decodeSegments, headerValue, parseJson } from "../../kit/http"
import { routeApi } from "../api/api-router"
import { ErrorCode, MspError } from "../errors"
import { SandboxState } from "../state/sandbox-state"

export const API_PREFIX = "/v1/json/"

/** The website API key, as a header `api_key` or a query `?api_key=`. */
function checkApiKey(state: SandboxState, req: IncomingMessage, url: URL): void {
  const key = headerValue(req, "api_key") ?? url.searchParams.get("api_key")
  if (key !== state.config.apiKey) {
    throw new MspError(ErrorCode.INVALID_API_KEY, "Invalid API key")
  }
}

/** What a fault-forced status says, in MultiSafepay's envelope. */
const FAULT_ERRORS: Record<FaultStatus, MspError> = {
  500: new MspError(ErrorCode.UNKNOWN, "Internal server error", 500),
  503: new MspError(ErrorCode.UNKNOWN, "Service unavailable", 503),
  429: new MspError(ErrorCode.UNKNOWN, "Too many requests", 429),
  401: new MspError(ErrorCode.INVALID_API_KEY, "Invalid API key"),
}

/**
 * The rules of one request under /v1/json/: the api_key, a JSON body, then the endpoint.
 * Success is MultiSafepay's { success: true, data } envelope; a refusal its error envelope.
 */
export function mspEndpoint(
  state: SandboxState,
  req: IncomingMessage,
  url: URL,
  origin: string,
): GatewayEndpoint {
  return {
    answer(rawBody): GatewayAnswer {
      try {
        checkApiKey(state, req, url)
        const parsed = parseJson(rawBody)
        if (!parsed.ok) throw new MspError(ErrorCode.GENERIC, "The request body is not valid JSON")
        const segments = decodeSegments(url.pathname.slice(API_PREFIX.length))
        if (segments === null) throw new MspError(ErrorCode.GENERIC, "The path is not valid")
        const data = routeApi(state, req.method ?? "GET", segments, parsed.value, origin)
        return { status: 200, body: { success: true, data } }
      } catch (error) {
        if (error instanceof MspError) return { status: error.httpStatus, body: error.toBody() }
        throw error
      }
    },
    errorAnswer(status) {
      const error = FAULT_ERRORS[status]
      return { status: error.httpStatus, body: error.toBody() }
    },
  }
}
