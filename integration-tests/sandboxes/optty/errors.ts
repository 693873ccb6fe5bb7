/**
 * Optty's error answers (NestJS style, docs/gateways/optty.md#errors) and the single error type
 * every API rule throws. ControlError is separate: it is a misuse of the sandbox, not an Optty
 * answer.
 */
import type { OpttyErrorBody } from "./sandbox-types"

export class OpttyError extends Error {
  constructor(readonly body: OpttyErrorBody) {
    super(`Optty error ${body.statusCode}: ${JSON.stringify(body.message)}`)
    this.name = "OpttyError"
  }

  get statusCode(): number {
    return this.body.statusCode
  }
}

/** A business-rule refusal (string message) or a validation failure (array of messages). */
export function badRequest(message: string | string[]): OpttyError {
  return new OpttyError({ statusCode: 400, message, error: "Bad Request" })
}

/**
 * 404 for an unknown orderReference, or one of another merchant (docs/gateways/optty.md#errors,
 * docs/gateways/optty.md#sandbox-rules).
 */
export function notFound(): OpttyError {
  return new OpttyError({ statusCode: 404, message: "Not Found" })
}

/** NestJS's answer for a path no controller serves. */
export function noRoute(method: string, path: string): OpttyError {
  return new OpttyError({
    statusCode: 404,
    message: `Cannot ${method} ${path}`,
    error: "Not Found",
  })
}

export function unauthorized(): OpttyError {
  return new OpttyError({ statusCode: 401, message: "Unauthorized" })
}

export function internalError(): OpttyError {
  return new OpttyError({ statusCode: 500, message: "Internal server error" })
}

export function tooManyRequests(): OpttyError {
  return new OpttyError({ statusCode: 429, message: "ThrottlerException: Too Many Requests" })
}

/** Control misuse is the kit's ControlError: the same { error } answer in every sandbox. */
export { ControlError } from "../kit/control-error"
