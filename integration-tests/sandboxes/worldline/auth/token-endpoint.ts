/**
 * POST {prefix}/oauth2/tokens (docs/gateways/worldline.md#authentication): a form with the
 * JWT-bearer grant type (RFC 7523 field names, ours) and the merchant's assertion; answers an
 * opaque bearer token for the assertion's scopes.
 */
import { isFormContentType } from "../../kit/http"
import { invalidGrant, OAuthError } from "../errors"
import type { SandboxState } from "../state/sandbox-state"
import { verifyAssertion } from "./jwt-assertion"
import { assertionScopes } from "./scopes"

export const TOKEN_PATH = "/oauth2/tokens"
export const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"

export interface TokenAnswer {
  access_token: string
  token_type: "Bearer"
  expires_in: number
}

export function issueToken(
  state: SandboxState,
  contentType: string | undefined,
  rawBody: string,
): TokenAnswer {
  if (!isFormContentType(contentType)) {
    throw new OAuthError(
      400,
      "invalid_request",
      "The body must be application/x-www-form-urlencoded",
    )
  }
  const form = new URLSearchParams(rawBody)
  if (form.get("grant_type") !== JWT_BEARER) {
    throw new OAuthError(400, "unsupported_grant_type", `grant_type must be ${JWT_BEARER}`)
  }
  const assertion = form.get("assertion")
  if (!assertion) throw invalidGrant("The assertion is missing")
  const { config } = state
  const payload = verifyAssertion(assertion, {
    keys: config.publicKeys,
    applicationId: config.applicationId,
    merchantId: config.merchantId,
    nowMs: state.nowMs(),
  })
  const scopes = assertionScopes(payload.scope, config.merchantId)
  const lifetime = config.tokenLifetimeSeconds
  return {
    access_token: state.tokens.issue(scopes, state.nowMs(), lifetime),
    token_type: "Bearer",
    expires_in: lifetime,
  }
}
