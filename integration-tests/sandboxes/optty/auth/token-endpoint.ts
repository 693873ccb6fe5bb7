import { badRequest, noRoute, unauthorized } from "../errors"
import type { SandboxState } from "../state/sandbox-state"

const FORM_TYPE = "application/x-www-form-urlencoded"

export interface TokenAnswer {
  access_token: string
  expires_in: number
  token_type: "Bearer"
  scope: "api-user"
}

/**
 * POST <authUrl>/token (client credentials). The body must be form-encoded as Optty documents;
 * the `expires_in=1` query flag is accepted and ignored (the life comes from tokenTtlSeconds).
 * Credentials are checked before grant_type and scope, so a wrong secret is always a 401.
 */
export function issueToken(
  state: SandboxState,
  method: string,
  subPath: string,
  contentType: string | undefined,
  rawBody: string,
): TokenAnswer {
  if (method !== "POST" || subPath !== "/token") throw noRoute(method, subPath)
  if ((contentType ?? "").split(";")[0].trim().toLowerCase() !== FORM_TYPE) {
    throw badRequest(`Content-Type must be ${FORM_TYPE}`)
  }
  const form = new URLSearchParams(rawBody)
  const { clientId, clientSecret } = state.config
  if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret) {
    throw unauthorized()
  }
  if (form.get("grant_type") !== "client_credentials") {
    throw badRequest("grant_type must be client_credentials")
  }
  if (form.get("scope") !== "api-user") throw badRequest("scope must be api-user")
  const ttl = state.config.tokenTtlSeconds
  return {
    access_token: state.tokens.issue(clientId, "api-user", state.now().getTime(), ttl),
    expires_in: ttl,
    token_type: "Bearer",
    scope: "api-user",
  }
}
