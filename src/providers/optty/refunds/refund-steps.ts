import { Logger } from "@medusajs/framework/types"
import { fromMinorUnits, toMinorUnits } from "../../../core/money"
import { GatewayRefundOutcome } from "../../../core/provider-refunds"
import { refusedWithoutReason } from "../../../core/messages"
import { GatewayError, RefundOnceSteps } from "../../../gateway-kit"
import { OpttyClient } from "../api/optty-client"
import { RefundRequest } from "../api/requests"
import { OpttyDetailsRefund, OpttyRefundResponse } from "../api/schemas"
import { refundStatus } from "../statuses"
import { findRefunds, toRefundReport } from "./refund-report"

export interface OpttyRefundInput {
  client: OpttyClient
  orderReference: string
  currency: string
  request: { body: RefundRequest; amount_minor: number }
  logger: Logger
}

/**
 * Optty's parts of "one refund, never two" (`refundOnce`): its details are read first, and a
 * refund already there under this logical refund's reference (in our form or with Optty's suffix)
 * is recorded. When Optty failed every earlier attempt under the key, the next one needs a fresh
 * reference (`<key>_2`, …). Optty keeps references unique per merchant, so after a lost answer it
 * shows nothing for, the request may be sent once more under the same reference.
 */
export function opttyRefundSteps(
  input: OpttyRefundInput,
): RefundOnceSteps<{ reference: string }, OpttyDetailsRefund> {
  const { client, orderReference, request } = input
  const key = request.body.refundReference
  return {
    gateway: "Optty",
    reading: `order ${orderReference}`,
    resendSafe: true,
    inspect: async () => {
      const earlier = findRefunds(await client.details(orderReference), key)
      const standing = earlier.find((r) => refundStatus(r.status) !== "failed") ?? null
      const reference = earlier.length ? `${key}_${earlier.length + 1}` : key
      return { made: standing, context: { reference } }
    },
    send: async ({ reference }) =>
      answeredOutcome(
        input,
        reference,
        await client.refund(orderReference, { ...request.body, refundReference: reference }),
      ),
    lookFor: async ({ reference }) =>
      findRefunds(await client.details(orderReference), reference, { exact: true }).at(-1) ?? null,
    outcomeOf: (refund) => recoveredOutcome(input, refund),
  }
}

function recoveredOutcome(
  input: OpttyRefundInput,
  refund: OpttyDetailsRefund,
): GatewayRefundOutcome {
  const report = toRefundReport(refund, input.currency)
  return {
    status: report.status,
    gateway_reference: report.gateway_reference,
    gateway_amount: checkedAmount(input, report.amount),
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
  input: OpttyRefundInput,
  reference: string,
  answer: OpttyRefundResponse,
): GatewayRefundOutcome {
  const status = refundStatus(answer.refundStatus)
  if (status === "failed") {
    // Optty's reason, verbatim, when its answer carries one (the field its details use)
    const reason = answer.refundFailureReason?.trim() || refusedWithoutReason(answer.refundStatus)
    throw new GatewayError("Optty", "rejected", reason)
  }
  const refunded = fromMinorUnits(
    toMinorUnits(answer.refundedAmount, input.currency),
    input.currency,
  )
  return {
    status,
    // Optty's own form of the reference ("<sent>-00" in its example): its details list it so
    gateway_reference: answer.refundReference,
    gateway_amount: checkedAmount(input, refunded),
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

/**
 * Optty's figure, always kept: outcomes are compared with it, and the next refund's rounding carry
 * (src/core/ledger/gateway-carry.ts) starts from it. A figure other than the one asked is logged.
 */
function checkedAmount(input: OpttyRefundInput, amount: string): string {
  const minor = toMinorUnits(amount, input.currency)
  if (minor !== input.request.amount_minor) {
    input.logger.warn(
      `optty: order ${input.orderReference} refunded ${amount} ${input.currency} where ${fromMinorUnits(input.request.amount_minor, input.currency)} was asked`,
    )
  }
  return fromMinorUnits(minor, input.currency)
}
