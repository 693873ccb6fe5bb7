import { Logger } from "@medusajs/framework/types"
import { fromMinorUnits, toMinorUnits } from "../../../core/money"
import { GatewayRefundOutcome } from "../../../core/provider-refunds"
import { beforeSending, GatewayError, lookAgain } from "../../../gateway-kit"
import { OpttyClient } from "../api/optty-client"
import { RefundRequest } from "../api/requests"
import { OpttyDetailsRefund, OpttyRefundResponse } from "../api/schemas"
import { refundStatus } from "../statuses"
import { findRefunds, toRefundReport } from "./refund-report"

export interface SendRefundInput {
  client: OpttyClient
  orderReference: string
  currency: string
  request: { body: RefundRequest; amount_minor: number }
  logger: Logger
  /** throws when a refund absent from Optty may not be sent now (a retry of one in doubt) */
  assertMaySend: () => void
}

/**
 * One refund at Optty, never two. Optty's details are read first: a refund already there
 * under this logical refund's reference (a retry of a refund whose answer was lost) is
 * recorded, not repeated. After a failure that may hide a completed refund (timeout, dropped
 * connection, 5xx, unreadable answer) the details are asked again for a few seconds; only if they
 * could be read and the reference is still absent is the refund sent again, once, under the same
 * reference (Optty keeps references unique per merchant, so a late duplicate is refused). If the
 * outcome stays unknown (the details cannot be read, or Optty refuses the resend without showing
 * the first), the refund is in doubt: Optty's notification, the reconciliation job or a retry
 * resolves it.
 */
export async function sendRefundOnce(input: SendRefundInput): Promise<GatewayRefundOutcome> {
  const { client, orderReference, request } = input
  const key = request.body.refundReference
  const details = await beforeSending("Optty", `order ${orderReference}`, () =>
    client.details(orderReference),
  )
  const earlier = findRefunds(details, key)
  const standing = earlier.find((r) => refundStatus(r.status) !== "failed")
  if (standing) return recoveredOutcome(input, standing)
  input.assertMaySend()

  // Optty failed every earlier attempt under this key: a new attempt needs a new reference.
  const reference = earlier.length ? `${key}_${earlier.length + 1}` : key
  const body = { ...request.body, refundReference: reference }
  let lastError: GatewayError | null = null
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return answeredOutcome(input, reference, await client.refund(orderReference, body))
    } catch (error) {
      const unknown = error instanceof GatewayError && error.ambiguous
      // A refusal of the resend may be Optty refusing a duplicate of the first attempt.
      const refusedResend =
        attempt > 1 && error instanceof GatewayError && error.kind === "rejected"
      if (!unknown && !refusedResend) throw error
      lastError = error as GatewayError
      const { found, readable } = await lookAgain(async () => {
        const now = findRefunds(await client.details(orderReference), reference, { exact: true })
        return now.length ? now[now.length - 1] : null
      })
      if (found) return recoveredOutcome(input, found)
      if (refusedResend || !readable) break
      input.logger.warn(
        `optty: refund ${reference} of order ${orderReference}: ${lastError.message}; Optty shows no such refund${attempt === 1 ? ", sending it once more under the same reference" : ""}`,
      )
    }
  }
  throw new GatewayError(
    "Optty",
    "ambiguous",
    `${lastError?.message}; Optty shows no refund ${reference} yet`,
  )
}

function recoveredOutcome(
  input: SendRefundInput,
  refund: OpttyDetailsRefund,
): GatewayRefundOutcome {
  const report = toRefundReport(refund, input.currency)
  return {
    status: report.status,
    gateway_reference: report.gateway_reference,
    gateway_amount: amountIfDifferent(input, report.amount),
    gateway: {
      order_reference: input.orderReference,
      refund_reference: refund.refundId,
      refund_status: refund.status,
      recovered: true,
    },
    currency_code: report.currency_code,
  }
}

function answeredOutcome(
  input: SendRefundInput,
  reference: string,
  answer: OpttyRefundResponse,
): GatewayRefundOutcome {
  const status = refundStatus(answer.refundStatus)
  if (status === "failed") {
    throw new GatewayError(
      "Optty",
      "rejected",
      `Optty declined refund ${reference} (${answer.refundStatus})`,
    )
  }
  const refunded = fromMinorUnits(
    toMinorUnits(answer.refundedAmount, input.currency),
    input.currency,
  )
  return {
    status,
    // Optty's own form of the reference ("<sent>-00" in its example): its details list it so
    gateway_reference: answer.refundReference,
    gateway_amount: amountIfDifferent(input, refunded),
    gateway: {
      order_reference: input.orderReference,
      refund_reference: reference,
      optty_refund_reference: answer.refundReference,
      bnpl_refund_id: answer.bnplRefundId ?? null,
      refund_status: answer.refundStatus,
      refund_date: answer.refundDate ?? null,
    },
    currency_code: input.currency.toLowerCase(),
  }
}

/** Optty's figure when it differs from what we asked: outcomes are then compared with it. */
function amountIfDifferent(input: SendRefundInput, amount: string): string | null {
  const minor = toMinorUnits(amount, input.currency)
  if (minor === input.request.amount_minor) return null
  input.logger.warn(
    `optty: order ${input.orderReference} refunded ${amount} ${input.currency} where ${fromMinorUnits(input.request.amount_minor, input.currency)} was asked`,
  )
  return amount
}
