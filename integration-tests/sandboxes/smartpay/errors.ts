/**
 * Smartpay's refusals (docs/gateways/smartpay.md#errors): an HTTP status and the body
 * `{ statusCode, errorCode, message, details }`, which the Node SDK turns into a SmartpayError
 * from `errorCode`, `message` and `details`. Codes marked "ours" are not in Smartpay's docs.
 * ControlError is the kit's: a misuse of the sandbox, never a Smartpay answer.
 */
export { ControlError } from "../kit/control-error"

export interface SmartpayErrorBody {
  statusCode: number
  errorCode: string
  message: string
  details: string[]
}

export class SmartpayError extends Error {
  readonly body: SmartpayErrorBody

  constructor(
    readonly httpStatus: number,
    errorCode: string,
    message: string,
    details: string[] = [],
  ) {
    super(`Smartpay ${httpStatus} ${errorCode}: ${message}`)
    this.name = "SmartpayError"
    this.body = { statusCode: httpStatus, errorCode, message, details }
  }

  get errorCode(): string {
    return this.body.errorCode
  }
}

export const CODES = {
  invalid: "request.invalid",
  malformed: "request.malformed",
  /** ours: a path the API does not have */
  noRoute: "request.not-found",
  /** ours: a missing or unknown secret key */
  unauthorized: "unauthorized",
  checkoutSessionNotFound: "checkout-session.not-found", // ours
  orderNotFound: "order.not-found",
  paymentNotFound: "payment.not-found",
  refundNotFound: "refund.not-found", // ours
  cannotCapture: "order.cannot-capture",
  excessiveAmount: "payment.excessive-amount",
  cannotCancel: "order.cannot-cancel", // ours
  insufficient: "amount.insufficient",
  idempotencyMismatch: "idempotency-key.mismatch", // ours
  unexpected: "unexpected_error",
  unavailable: "service.unavailable", // ours
  rateLimited: "request.rate-limited", // ours
} as const

/** 400 request.invalid; `details` name the fields, as Smartpay's do. */
export const invalid = (message: string, details: string[] = [message]) =>
  new SmartpayError(400, CODES.invalid, message, details)

export const malformed = () =>
  new SmartpayError(400, CODES.malformed, "The request body is not valid JSON")

export const notFound = (errorCode: string, message: string) =>
  new SmartpayError(404, errorCode, message)

/** a business rule: HTTP 403, as documented for amount.insufficient (ours for the others) */
export const forbidden = (errorCode: string, message: string) =>
  new SmartpayError(403, errorCode, message)

export const unauthorized = (message: string) => new SmartpayError(401, CODES.unauthorized, message)

export const idempotencyMismatch = (key: string) =>
  new SmartpayError(
    409,
    CODES.idempotencyMismatch,
    `Idempotency-Key ${key} was used with another request`,
  )

export const unexpected = () =>
  new SmartpayError(500, CODES.unexpected, "Unexpected error, please try again later")

export const unavailable = () =>
  new SmartpayError(503, CODES.unavailable, "Service temporarily unavailable")

export const rateLimited = () => new SmartpayError(429, CODES.rateLimited, "Too many requests")
