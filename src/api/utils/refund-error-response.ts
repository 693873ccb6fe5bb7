import { MedusaResponse } from "@medusajs/framework/http"
import { IN_DOUBT_ERROR_CODE } from "../../core/refund-plan"
import {
  OUTCOME_UNKNOWN_ERROR_CODE,
  RATE_LIMITED_ERROR_CODE,
  UNAVAILABLE_ERROR_CODE,
} from "../../gateway-kit/gateway-error"

/**
 * Refund failures staff must read differently from "refused": the HTTP status says what kind of
 * wait it is (Medusa's own error handler would answer all of them 400 or 500, and replace a 409's
 * message with a generic one). The message is ours, written for staff.
 */
const STATUS_BY_CODE: Record<string, number> = {
  // the gateway may have made the refund: do not refund again
  [OUTCOME_UNKNOWN_ERROR_CODE]: 409,
  [IN_DOUBT_ERROR_CODE]: 409,
  // nothing was done; try again in a moment
  [RATE_LIMITED_ERROR_CODE]: 429,
  [UNAVAILABLE_ERROR_CODE]: 503,
}

/** Answers a refund error that has a status of its own; false when Medusa's handler should. */
export function sendRefundError(res: MedusaResponse, error: unknown): boolean {
  const { code, type, message } = (error ?? {}) as {
    code?: string
    type?: string
    message?: string
  }
  const status = code ? STATUS_BY_CODE[code] : undefined
  if (!status) return false
  if (status === 429 || status === 503) res.setHeader("Retry-After", "30")
  res.status(status).json({ code, type, message })
  return true
}
