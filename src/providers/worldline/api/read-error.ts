import { failureKindOf, GatewayError } from "../../../gateway-kit"
import { errorBodySchema, oauthErrorSchema } from "./schemas"

export const GATEWAY = "Worldline"

/**
 * Worldline's error answers, in its own words (docs/gateways/worldline.md#errors). Business rules
 * (2…), input data (3…) and duplicates (11001) are refusals: nothing was done, and staff see the
 * description with the status code. 401/403 are our token (OAuth's shapes), 404 an unknown
 * order, 429 too many requests, 5xx a fault after which the call may have been carried out.
 */
export function readWorldlineError(status: number, body: unknown): GatewayError | null {
  if (status < 400) return null
  const oauth = oauthErrorSchema.safeParse(body)
  if (status === 401 || status === 403) {
    const said = oauth.success
      ? [oauth.data.error, oauth.data.error_description].filter(Boolean).join(": ")
      : `HTTP ${status}`
    return new GatewayError(GATEWAY, "auth", said, {
      http_status: status,
      code: oauth.success ? oauth.data.error : null,
    })
  }
  const parsed = errorBodySchema.safeParse(body)
  const kind = failureKindOf(status, { notFound: status === 404 })
  if (!parsed.success) {
    if (oauth.success) {
      // the token endpoint's refusals (400 invalid_request, unsupported_grant_type, …)
      const said = [oauth.data.error, oauth.data.error_description].filter(Boolean).join(": ")
      return new GatewayError(GATEWAY, kind === "rejected" ? "auth" : kind, said, {
        http_status: status,
        code: oauth.data.error,
      })
    }
    return null
  }
  const { statusCode, description } = parsed.data
  return new GatewayError(GATEWAY, kind, describeStatus(statusCode, description), {
    http_status: status,
  })
}

/** "<Worldline's description> (status code 22041)": its words, verbatim, and its code. */
export function describeStatus(statusCode: number | null | undefined, description?: string | null) {
  const said = description?.trim() || "no description given"
  return statusCode == null ? said : `${said} (status code ${statusCode})`
}
