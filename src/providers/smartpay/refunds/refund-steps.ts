import { Logger } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { CheckoutCart } from "../../../core/checkout-cart"
import { refundRoundsToNothingMessage } from "../../../core/messages"
import { fromMinorUnits, toDecimal } from "../../../core/money"
import { GatewayRefundOutcome, RefundIntent } from "../../../core/provider-refunds"
import { gatewayAmountMinor, GatewayError, RefundOnceSteps } from "../../../gateway-kit"
import { GATEWAY } from "../api/read-error"
import { SmartpayPayment, SmartpayRefund } from "../api/schemas"
import { SmartpayClient } from "../api/smartpay-client"
import { CURRENCY } from "../checkout/build-checkout-session"
import { refundStatus } from "../statuses"
import {
  buildRefundRequest,
  refundLineItemIds,
  SmartpayRefundRequest,
} from "./build-refund-request"
import { SmartpayRefundReason } from "./refund-reason"
import { partOf } from "./refund-reference"
import { splitAcrossPayments } from "./split-across-payments"

export interface SmartpayRefundInput {
  client: SmartpayClient
  intent: RefundIntent
  orderId: string
  reason: SmartpayRefundReason
  cart: CheckoutCart | null
  lineItems: Record<string, string> | null | undefined
  logger: Logger
}

export interface SmartpayRefundContext {
  /** the refund in whole yen */
  amountYen: number
  /** parts of this refund Smartpay already made (a retry that found some), not failed */
  standing: SmartpayRefund[]
  /** what is still to send, one request per payment */
  requests: SmartpayRefundRequest[]
}

/** What Smartpay shows of this refund: its parts, and those that did not fail. */
async function readParts(input: SmartpayRefundInput) {
  const { order, payments } = await input.client.readOrderWithPayments(input.orderId)
  const refunds = await input.client.readRefunds(payments)
  const key = input.intent.idempotency_key
  const ours = refunds
    .map((refund) => ({ refund, part: partOf(refund, key) }))
    .filter((r): r is { refund: SmartpayRefund; part: number } => r.part !== null)
    .sort((a, b) => a.part - b.part)
  const standing = ours
    .filter((r) => refundStatus(r.refund.status) !== "failed")
    .map((r) => r.refund)
  const lastPart = Math.max(0, ...ours.map((r) => r.part))
  return { order, payments, refunds, standing, lastPart }
}

const yenOf = (refunds: readonly SmartpayRefund[]) => refunds.reduce((s, r) => s + r.amount, 0)

/**
 * Smartpay's parts of "one refund, never two" (`refundOnce`, docs/gateways/smartpay.md#refunds,
 * #idempotency): the order, its payments and their refunds are read first, and the refund's
 * parts already there (found by our reference or metadata, so a retry after the 6 hours an
 * Idempotency-Key lives still finds them) are recorded, never sent again; what is left is split
 * across the payments (oldest first) and sent, one request per payment under its own key. A
 * part Smartpay failed is never resent under its key: the next attempt numbers on. A lost answer
 * is resent under the same Idempotency-Key, which Smartpay answers with the first answer within
 * 6 h (so `resendSafe`).
 */
export function smartpayRefundSteps(
  input: SmartpayRefundInput,
): RefundOnceSteps<SmartpayRefundContext, SmartpayRefund[]> {
  const { intent, orderId } = input
  const amountYen = gatewayAmountMinor(intent, CURRENCY)
  if (amountYen <= 0) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      refundRoundsToNothingMessage({
        gateway: GATEWAY,
        amount: toDecimal(intent.amount).toFixed(),
        currency_code: CURRENCY,
        smallest: fromMinorUnits(1, CURRENCY),
      }),
    )
  }
  const complete = (standing: SmartpayRefund[]) =>
    standing.length > 0 && yenOf(standing) >= amountYen ? standing : null

  return {
    gateway: GATEWAY,
    reading: `order ${orderId}`,
    resendSafe: true,
    inspect: async () => {
      const read = await readParts(input)
      const made = complete(read.standing)
      if (made) return { made, context: { amountYen, standing: made, requests: [] } }
      const { ids, unmatched } = refundLineItemIds(input)
      if (unmatched.length) {
        input.logger.warn(
          `smartpay: order ${orderId}: refund ${intent.idempotency_key}: line(s) ${unmatched.join(", ")} have no Smartpay line item id, so they are not listed (the amount is unchanged)`,
        )
      }
      const parts = splitAcrossPayments(
        read.payments.map((p) => paymentLeft(p, read.refunds)),
        amountYen - yenOf(read.standing),
      )
      const byId = new Map(read.payments.map((p) => [p.id, p]))
      const requests = parts.map((part, index) =>
        buildRefundRequest({
          intent,
          orderId,
          part: read.lastPart + index + 1,
          payment: byId.get(part.payment_id)!,
          amountYen: part.amount,
          reason: input.reason,
          lineItemIds: ids,
        }),
      )
      return { made: null, context: { amountYen, standing: read.standing, requests } }
    },
    send: async (context) => {
      const answered: SmartpayRefund[] = []
      for (const request of context.requests) {
        try {
          answered.push(await input.client.refund(request.body, request.idempotency_key))
        } catch (error) {
          if (answered.length === 0 || (error instanceof GatewayError && error.ambiguous))
            throw error
          // Earlier parts were refunded: this is no clean refusal. Ambiguous, so the gateway is
          // read again and the refund stays in doubt until its parts are all there.
          const detail = error instanceof Error ? error.message : String(error)
          throw new GatewayError(
            GATEWAY,
            "ambiguous",
            `part ${request.part} was refused after ${answered.map((r) => r.id).join(", ")} had been made: ${detail}`,
          )
        }
      }
      return outcomeOf(input, [...context.standing, ...answered])
    },
    lookFor: async () => complete((await readParts(input)).standing),
    outcomeOf: (made) => outcomeOf(input, made),
  }
}

function paymentLeft(payment: SmartpayPayment, refunds: readonly SmartpayRefund[]) {
  const refunded = refunds
    .filter((r) => r.payment === payment.id && refundStatus(r.status) !== "failed")
    .reduce((sum, r) => sum + r.amount, 0)
  return { payment_id: payment.id, amount: payment.amount, refunded, created_at: payment.createdAt }
}

/**
 * A refund as recorded (docs/gateways/smartpay.md#refund-answer): its parts' ids joined as the
 * reference, the yen of those that did not fail. Every part failed: the outcome is failed (the
 * neutral path undoes the refund); some failed: pending, for staff to check.
 */
export function outcomeOf(
  input: Pick<SmartpayRefundInput, "orderId" | "logger" | "intent">,
  parts: readonly SmartpayRefund[],
): GatewayRefundOutcome {
  const statuses = parts.map((r) => refundStatus(r.status))
  const standing = parts.filter((_, i) => statuses[i] !== "failed")
  const failed = standing.length === 0
  const mixed = !failed && standing.length < parts.length
  if (mixed) {
    input.logger.warn(
      `smartpay: order ${input.orderId}: refund ${input.intent.idempotency_key} was made in part (${parts.map((r) => `${r.id} ${r.status ?? "succeeded"}`).join(", ")}); recorded as pending, staff should check it in Smartpay`,
    )
  }
  const counted = failed ? parts : standing
  const status = failed ? "failed" : mixed || statuses.includes("pending") ? "pending" : "succeeded"
  return {
    status,
    gateway_reference: counted.map((r) => r.id).join("+"),
    gateway_amount: fromMinorUnits(yenOf(counted), CURRENCY),
    currency_code: "jpy",
    gateway: {
      order_id: input.orderId,
      refunds: parts.map((r) => ({
        id: r.id,
        payment: r.payment,
        amount: r.amount,
        status: r.status ?? null,
        reference: r.reference ?? null,
      })),
    },
  }
}
