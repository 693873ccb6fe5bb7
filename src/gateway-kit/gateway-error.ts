import { MedusaError } from "@medusajs/framework/utils"

/**
 * How a gateway call failed, in the terms that decide what may happen next:
 * - `rejected`: the gateway answered and refused; nothing was done. Its message goes to staff.
 * - `not_found`: the gateway does not know the payment or refund.
 * - `auth`: our credentials were refused: a store configuration problem.
 * - `rate_limited`: refused before processing; safe to try again later.
 * - `unavailable`: the request never reached the gateway (connection refused); nothing was done.
 * - `ambiguous`: the gateway may have carried the request out (timeout, connection lost after
 *   sending, 5xx, unreadable answer). Never repeat a money movement after this without first
 *   asking the gateway whether it happened.
 */
export type GatewayFailureKind =
  | "rejected"
  | "not_found"
  | "auth"
  | "rate_limited"
  | "unavailable"
  | "ambiguous"

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

const KIND_TO_MEDUSA: Record<GatewayFailureKind, string> = {
  rejected: MedusaError.Types.NOT_ALLOWED,
  not_found: MedusaError.Types.NOT_FOUND,
  auth: MedusaError.Types.UNEXPECTED_STATE,
  rate_limited: MedusaError.Types.UNEXPECTED_STATE,
  unavailable: MedusaError.Types.UNEXPECTED_STATE,
  ambiguous: MedusaError.Types.UNEXPECTED_STATE,
}

/**
 * The one place where gateway failures become Medusa errors. The gateway's own message is kept
 * verbatim (staff act on it), prefixed with what we were doing.
 */
export function toMedusaError(error: unknown, operation: string): MedusaError {
  if (error instanceof MedusaError) return error
  if (error instanceof GatewayError) {
    const code = error.details.code != null ? ` (error ${error.details.code})` : ""
    return new MedusaError(
      KIND_TO_MEDUSA[error.kind] as never,
      `${error.gateway} ${operation} failed: ${error.message}${code}`,
    )
  }
  const message = error instanceof Error ? error.message : String(error)
  return new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `${operation} failed: ${message}`)
}
