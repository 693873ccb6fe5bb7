import { MedusaError } from "@medusajs/framework/utils"
import { GatewayFailure, gatewayFailureMessage, operationFailedMessage } from "../core/messages"

/**
 * How a gateway call failed, in the terms that decide what may happen next:
 * - `rejected`: the gateway answered and refused; nothing was done. Its message goes to staff
 *   verbatim.
 * - `not_found`: the gateway does not know the payment or refund.
 * - `auth`: our credentials were refused: a store configuration problem.
 * - `rate_limited`: refused before processing; safe to try again later.
 * - `unavailable`: the request never reached the gateway (connection refused); nothing was done.
 * - `ambiguous`: the gateway may have carried the request out (timeout, connection lost after
 *   sending, 5xx, unreadable answer). Never repeat a money movement after this without first
 *   asking the gateway whether it happened.
 */
export type GatewayFailureKind = GatewayFailure

/**
 * A GatewayError's message is the gateway's own words, or the technical cause (what happened to
 * the connection, what a re-check found), never instructions for staff: `toMedusaError` and
 * `outcomeUnknownMessage` add those.
 */
export class GatewayError extends Error {
  constructor(
    readonly gateway: string,
    readonly kind: GatewayFailureKind,
    message: string,
    readonly details: { http_status?: number; code?: string | number | null } = {},
  ) {
    super(message)
    this.name = "GatewayError"
  }

  /** true when the gateway may have done what was asked */
  get ambiguous(): boolean {
    return this.kind === "ambiguous"
  }
}

/**
 * The failure kind of a gateway's error answer: what the gateway's own code says (`notFound`,
 * `auth`), else the HTTP status: 429 rate limited, 5xx ambiguous (the gateway may have acted),
 * anything else a definite refusal.
 */
export function failureKindOf(
  status: number,
  said: { notFound?: boolean; auth?: boolean } = {},
): GatewayFailureKind {
  if (said.notFound) return "not_found"
  if (said.auth) return "auth"
  if (status === 429) return "rate_limited"
  if (status >= 500) return "ambiguous"
  return "rejected"
}

/**
 * Codes on the MedusaErrors a refund can end in, so the workflow and the admin routes can tell
 * them apart (a workflow hands errors on serialized: the code survives, the class does not).
 */
/** the gateway may have made the refund: its answer was lost */
export const OUTCOME_UNKNOWN_ERROR_CODE = "line_refunds.outcome_unknown"
/** the gateway refused to take the request now (too many requests); nothing was done */
export const RATE_LIMITED_ERROR_CODE = "line_refunds.gateway_rate_limited"
/** the gateway could not be reached, or not read before sending; nothing was done */
export const UNAVAILABLE_ERROR_CODE = "line_refunds.gateway_unavailable"
/**
 * the gateway refused the store's credentials before doing anything: a setting to fix, not a
 * fault of the server, so staff get a 400 with what to do (never a 500, never a 401, which the
 * admin would take for its own session ending)
 */
export const CREDENTIALS_REFUSED_ERROR_CODE = "line_refunds.gateway_credentials_refused"

const KIND_TO_MEDUSA: Record<GatewayFailureKind, string> = {
  rejected: MedusaError.Types.NOT_ALLOWED,
  not_found: MedusaError.Types.NOT_FOUND,
  auth: MedusaError.Types.NOT_ALLOWED,
  rate_limited: MedusaError.Types.UNEXPECTED_STATE,
  unavailable: MedusaError.Types.UNEXPECTED_STATE,
  ambiguous: MedusaError.Types.UNEXPECTED_STATE,
}

/**
 * The one place where gateway failures become Medusa errors, in words for staff
 * (`gatewayFailureMessage`): what happened and what to do, the gateway's own message verbatim.
 * Failures staff can only wait out carry a code the admin routes answer with 429/503.
 */
export function toMedusaError(error: unknown, operation: string): MedusaError {
  if (error instanceof MedusaError) return error
  if (error instanceof GatewayError) {
    const message = gatewayFailureMessage({
      gateway: error.gateway,
      kind: error.kind,
      operation,
      said: error.message,
      code: error.details.code,
    })
    if (error.kind === "rate_limited") {
      return new MedusaError(MedusaError.Types.NOT_ALLOWED, message, RATE_LIMITED_ERROR_CODE)
    }
    if (error.kind === "auth") {
      return new MedusaError(MedusaError.Types.NOT_ALLOWED, message, CREDENTIALS_REFUSED_ERROR_CODE)
    }
    if (error.kind === "unavailable") {
      return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, message, UNAVAILABLE_ERROR_CODE)
    }
    return new MedusaError(KIND_TO_MEDUSA[error.kind] as never, message)
  }
  const message = error instanceof Error ? error.message : String(error)
  return new MedusaError(
    MedusaError.Types.UNEXPECTED_STATE,
    operationFailedMessage(operation, message),
  )
}
