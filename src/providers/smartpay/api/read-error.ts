import { failureKindOf, GatewayError } from "../../../gateway-kit"
import { errorBodySchema } from "./schemas"

export const GATEWAY = "Smartpay"

/**
 * Smartpay's error answers, in its own words (docs/gateways/smartpay.md#errors): the HTTP status
 * and `{ errorCode, message, details }`. 401 is our key; `*.not-found` (404 `payment.not-found`,
 * `order.not-found`) an object this key does not know (test objects need test keys); 403
 * `amount.insufficient`, 400 `request.invalid` and the other 4xx are refusals: nothing was done;
 * 429 too many requests; 5xx a fault after which the request may have been carried out
 * ("ambiguous"). Staff see Smartpay's message with its details and the error code.
 */
export function readSmartpayError(status: number, body: unknown): GatewayError | null {
  if (status < 400) return null
  const parsed = errorBodySchema.safeParse(body)
  const code = parsed.success ? parsed.data.errorCode : null
  const kind = failureKindOf(status, {
    notFound: status === 404 || (code?.endsWith(".not-found") ?? false),
    auth: status === 401,
  })
  if (!parsed.success) return null
  return new GatewayError(GATEWAY, kind, describeError(parsed.data), {
    http_status: status,
    code,
  })
}

/** "Payload invalid: payload.amount is invalid": Smartpay's message and details, verbatim. */
function describeError(body: {
  errorCode: string
  message?: string | null
  details?: unknown[] | null
}) {
  const message = body.message?.trim() || body.errorCode
  const details = (body.details ?? [])
    .filter((d): d is string => typeof d === "string" && d.trim() !== "" && d !== message)
    .slice(0, 5)
  return details.length ? `${message}: ${details.join("; ")}` : message
}
