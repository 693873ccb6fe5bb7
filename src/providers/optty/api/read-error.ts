import { failureKindOf, GatewayError } from "../../../gateway-kit"
import { errorBody } from "./schemas"

export const GATEWAY = "Optty"

/**
 * Optty's errors, in its own words (staff act on "You can only refund amount up to AUD 24.98").
 * The kind follows the HTTP status, whatever the body: a 401 is always our credentials or token.
 */
export function readOpttyError(status: number, body: unknown): GatewayError | null {
  if (status < 400) return null
  const parsed = errorBody.safeParse(body)
  const message = parsed.success
    ? [parsed.data.message].flat().join("; ") || `HTTP ${status}`
    : `HTTP ${status}`
  const kind = failureKindOf(status, {
    auth: status === 401 || status === 403,
    notFound: status === 404,
  })
  return new GatewayError(GATEWAY, kind, message, { http_status: status })
}
