/**
 * Worldline's answers to refused calls (docs/gateways/worldline.md#errors): the API's
 * `{ statusCode, description }` with HTTP 422 (business rule, 2xxxx), 409 (11001), 400 (input
 * data, 3xxxx), 404 (unknown order or path, ours), 500/503 (technical, 4xxxx); and the OAuth
 * shapes of the token endpoint and the bearer check
 * (docs/gateways/worldline.md#authentication). ControlError is the kit's: a misuse of the
 * sandbox, never a Worldline answer.
 */
export { ControlError } from "../kit/control-error"

export interface WorldlineErrorBody {
  statusCode: number
  description: string
}

export interface OAuthErrorBody {
  error: string
  error_description: string
}

export class WorldlineError extends Error {
  readonly body: WorldlineErrorBody

  constructor(
    readonly httpStatus: number,
    statusCode: number,
    description: string,
  ) {
    super(`Worldline ${statusCode}: ${description}`)
    this.name = "WorldlineError"
    this.body = { statusCode, description }
  }

  get statusCode(): number {
    return this.body.statusCode
  }

  /** a business-rule refusal (2xxxx): refusalShape "rejected_transaction" may answer it as 200 */
  get isBusinessRule(): boolean {
    return this.httpStatus === 422
  }
}

export class OAuthError extends Error {
  readonly body: OAuthErrorBody

  constructor(
    readonly httpStatus: number,
    error: string,
    description: string,
  ) {
    super(`${error}: ${description}`)
    this.name = "OAuthError"
    this.body = { error, error_description: description }
  }
}

/** Status codes the sandbox answers (docs/gateways/worldline.md#errors; "ours" marked). */
export const STATUS = {
  duplicate: 11001,
  invalidReference: 22033,
  overRefund: 22041,
  overCapture: 22042, // ours
  stateForbids: 22044,
  currencyMismatch: 22047,
  /** ours: a body that is not JSON */
  unreadableBody: 31000,
  /** ours: a missing or malformed field */
  invalidField: 31001,
  tooManyDecimals: 31002, // ours
  lineTotals: 31010, // ours
  /** ours: unknown order or path (answered with HTTP 404) */
  notFound: 30404,
  /** ours: technical faults */
  internal: 40000,
  unavailable: 40001,
  throttled: 40002,
} as const

export const businessRule = (statusCode: number, description: string) =>
  new WorldlineError(422, statusCode, description)

export const invalidInput = (description: string, statusCode: number = STATUS.invalidField) =>
  new WorldlineError(400, statusCode, description)

export const duplicate = (description: string) =>
  new WorldlineError(409, STATUS.duplicate, description)

export const notFound = (description: string) =>
  new WorldlineError(404, STATUS.notFound, description)

export const internalError = () =>
  new WorldlineError(500, STATUS.internal, "Internal error, please try again later")

export const unavailable = () =>
  new WorldlineError(503, STATUS.unavailable, "Service temporarily unavailable")

export const throttled = () => new WorldlineError(429, STATUS.throttled, "Too many requests")

export const invalidGrant = (description: string) =>
  new OAuthError(401, "invalid_grant", description)

export const invalidToken = (description: string) =>
  new OAuthError(401, "invalid_token", description)

export const insufficientScope = (description: string) =>
  new OAuthError(403, "insufficient_scope", description)
