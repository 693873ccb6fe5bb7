import { Logger } from "@medusajs/framework/types"
import { fromMinorUnits } from "../../../core/money"
import { GatewayRefundOutcome, RefundIntent } from "../../../core/provider-refunds"
import { GatewayError, RefundOnceSteps } from "../../../gateway-kit"
import { GATEWAY } from "../api/read-error"
import { WorldlineOrder } from "../api/schemas"
import { WorldlineClient } from "../api/worldline-client"
import { isRefundTransaction, refundStatus } from "../statuses"
import { buildRefundRequest, WorldlineRefundRequest } from "./build-refund-request"
import {
  groupAmountMinor,
  groupFailure,
  groupReference,
  RefundGroup,
  refundGroups,
} from "./refund-report"
import { refundTransactionFor } from "./refund-transaction"

/** Waits before each repeat of a refund whose answer was lost (docs/gateways/worldline.md#refund-retries). */
export const REFUND_RETRY_WAITS_MS: readonly number[] = [500, 1_000, 2_000]

export interface WorldlineRefundInput {
  client: WorldlineClient
  intent: RefundIntent
  orderId: string
  currency: string
  /** how often the same body is sent again after a lost answer (option refundRetries) */
  retries: number
  logger: Logger
  /** tests shorten them; the last repeats when there are more retries than waits */
  retryWaitsMs?: readonly number[]
}

export interface WorldlineRefundContext {
  requestId: string
  request: WorldlineRefundRequest
}

/** The request ids tried for a logical refund key: the key itself, then `<key>-2`, `<key>-3`, … */
function attemptOf(requestId: string, key: string): number | null {
  if (requestId === key) return 1
  const match = /^(.*)-(\d+)$/.exec(requestId)
  return match && match[1] === key ? Number(match[2]) : null
}

/**
 * Worldline's parts of "one refund, never two" (`refundOnce`), docs/gateways/worldline.md#refund-retries:
 * the order is read first and a refund already under the key (or a numbered retry of it) that did
 * not fail is recorded; when Worldline declined every earlier attempt, the next one goes under
 * `<key>-<n+1>` (a declined credit keeps its request id). Sending repeats the very same body under
 * the same request id after a lost answer, up to `retries` times (Worldline answers a replay with
 * the original result): so `resendSafe` is false, the repeats are inside `send`.
 */
export function worldlineRefundSteps(
  input: WorldlineRefundInput,
): RefundOnceSteps<WorldlineRefundContext, RefundGroup> {
  const { client, orderId, intent } = input
  const key = intent.idempotency_key
  return {
    gateway: GATEWAY,
    reading: `order ${orderId}`,
    resendSafe: false,
    inspect: async () => {
      const order = await client.readOrder(orderId)
      const earlier = refundGroups(order).filter(
        (g) => g.request_id !== null && attemptOf(g.request_id, key) !== null,
      )
      const standing = earlier.find((g) => refundStatus(g.transactions).status !== "failed") ?? null
      const tried = Math.max(0, ...earlier.map((g) => attemptOf(g.request_id!, key)!))
      const requestId = tried ? `${key}-${tried + 1}` : key
      const currency = input.currency.toUpperCase()
      const draft = buildRefundRequest({ intent, currency, requestId })
      const request = buildRefundRequest({
        intent,
        currency,
        requestId,
        transactionId: refundTransactionFor(order, draft.amount_minor),
      })
      return { made: standing, context: { requestId, request } }
    },
    send: (context) => sendWithRetries(input, context),
    lookFor: async ({ requestId }) =>
      refundGroups(await client.readOrder(orderId)).find((g) => g.request_id === requestId) ?? null,
    outcomeOf: (group) => outcomeOf(input, group, null),
  }
}

async function sendWithRetries(
  input: WorldlineRefundInput,
  context: WorldlineRefundContext,
): Promise<GatewayRefundOutcome> {
  const waits = input.retryWaitsMs ?? REFUND_RETRY_WAITS_MS
  let lastError: GatewayError | null = null
  for (let attempt = 0; attempt <= input.retries; attempt++) {
    if (attempt > 0) {
      const wait = waits[Math.min(attempt - 1, waits.length - 1)] ?? 0
      if (wait) await new Promise((resolve) => setTimeout(resolve, wait))
      input.logger.warn(
        `worldline: order ${input.orderId}: refund ${context.requestId}: ${lastError?.message}; sending the same request again (${attempt} of ${input.retries})`,
      )
    }
    let answer: WorldlineOrder
    try {
      answer = await input.client.refund(input.orderId, context.request.jsonText)
    } catch (error) {
      if (!(error instanceof GatewayError && error.ambiguous)) throw error
      lastError = error
      continue
    }
    const group = answeredGroup(answer, context.requestId)
    if (!group) {
      lastError = new GatewayError(
        GATEWAY,
        "ambiguous",
        `the answer to refund ${context.requestId} holds no refund transaction`,
      )
      continue
    }
    return outcomeOf(input, group, context)
  }
  throw lastError ?? new GatewayError(GATEWAY, "ambiguous", "the refund was not answered")
}

/** The refund transactions of this request in an answer (all of them when none names a request). */
function answeredGroup(answer: WorldlineOrder, requestId: string): RefundGroup | null {
  const refunds = answer.transactions.filter(isRefundTransaction)
  const named = refunds.filter((t) => t.requestId === requestId)
  const transactions = named.length ? named : refunds.filter((t) => !t.requestId)
  return transactions.length ? { request_id: requestId, transactions } : null
}

/**
 * A refund as recorded: its status by the table, its transaction id(s) as reference, Worldline's
 * own figure. A refund whose every transaction failed is Worldline's refusal, in its words.
 */
function outcomeOf(
  input: WorldlineRefundInput,
  group: RefundGroup,
  context: WorldlineRefundContext | null,
): GatewayRefundOutcome {
  const currency = input.currency.toUpperCase()
  const { status, mixed } = refundStatus(group.transactions)
  if (status === "failed") {
    throw new GatewayError(GATEWAY, "rejected", groupFailure(group))
  }
  if (mixed) {
    input.logger.warn(
      `worldline: order ${input.orderId}: refund ${group.request_id} was made in part (${group.transactions.map((t) => `${t.transactionId} ${t.state}`).join(", ")}); recorded as pending, staff should check it in Worldline`,
    )
  }
  const minor = groupAmountMinor(group, currency)
  if (context && minor !== context.request.amount_minor) {
    input.logger.warn(
      `worldline: order ${input.orderId} refunded ${fromMinorUnits(minor, currency)} ${currency} where ${context.request.amount} was asked`,
    )
  }
  return {
    status,
    gateway_reference: groupReference(group),
    gateway_amount: fromMinorUnits(minor, currency),
    gateway: {
      order_id: input.orderId,
      request_id: group.request_id,
      transactions: group.transactions.map((t) => ({
        id: t.transactionId,
        type: t.transactionType,
        state: t.state,
        amount: t.amount?.amount ?? null,
      })),
      ...(context ? {} : { recovered: true }),
    },
    currency_code: currency.toLowerCase(),
  }
}
