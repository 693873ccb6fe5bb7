/**
 * POST …/orders/{orderId}/refunds (docs/gateways/worldline.md#refund-request, #refund-retries,
 * #refund-limits, #payouts). Checks in this order: fields (400), the order (404), the request
 * id (replay 200 / other parameters 409 11001), currency (22047), reference (22033), amount
 * (22041). Accepted: 201 with the order whose transactions are this request's results.
 * Refusals are not stored under the request id. With refusalShape "rejected_transaction" a
 * business-rule refusal answers 200 with one Rejected Credit that is stored nowhere.
 */
import { businessRule, duplicate, STATUS, WorldlineError } from "../errors"
import { orderChanged } from "../notifications/notifications"
import type { StoredOrder, StoredTransaction } from "../state/order-model"
import { renderOrder } from "../state/render-order"
import type { SandboxState } from "../state/sandbox-state"
import { refundParts } from "./refund-rules"
import { addTransaction, makeTransaction, transactionsById } from "./transactions"
import {
  amountOf,
  optionalString,
  requestIdOf,
  requireBody,
  type RequestAmount,
} from "./validation"

export const PAYOUT_WAITING = "Waiting for the consumer's account details"

interface RefundRequest {
  requestId: string
  amount: RequestAmount
  transactionId: string | undefined
}

function readRefund(raw: unknown): RefundRequest {
  const body = requireBody(raw)
  const requestId = requestIdOf(body)
  const amount = amountOf(body.amount, "amount")
  const transactionId = optionalString(body, "transactionId")
  return { requestId, amount, transactionId: transactionId === "" ? undefined : transactionId }
}

/** What must match for a replay: the order, amount (exact, trailing zeros aside), currency, reference. */
function fingerprintOf(orderId: string, request: RefundRequest): string {
  const { amount, transactionId } = request
  return JSON.stringify([orderId, amount.minor, amount.currency, transactionId ?? null])
}

function answer(
  state: SandboxState,
  order: StoredOrder,
  status: number,
  transactions: StoredTransaction[],
) {
  return { status, body: renderOrder(order, state.isPartialCapture(order), transactions) }
}

function makeRefunds(state: SandboxState, order: StoredOrder, request: RefundRequest) {
  if (request.amount.currency !== order.currency) {
    throw businessRule(
      STATUS.currencyMismatch,
      `Currency ${request.amount.currency} is not the order's ${order.currency}`,
    )
  }
  const parts = refundParts(
    order,
    request.amount.minor,
    request.transactionId,
    state.config.unlimitedRefundAmount,
  )
  const payout = state.config.payoutMethodIds.has(order.paymentMethodId)
  const startAs = state.creditsStartAs
  return parts.map((part) =>
    addTransaction(state, order, {
      transactionType: payout ? "Payout" : "Credit",
      state: payout ? "Registered" : startAs,
      description: payout
        ? PAYOUT_WAITING
        : startAs === "Processed"
          ? "Approved"
          : "Waiting for the bank",
      amountMinor: part.amountMinor,
      referenceTransactionId: part.capture?.transactionId ?? null,
      requestId: request.requestId,
    }),
  )
}

export function refundOrder(state: SandboxState, orderId: string, raw: unknown) {
  const request = readRefund(raw)
  const order = state.requireOrder(orderId)
  const fingerprint = fingerprintOf(orderId, request)
  const stored = state.requestIds.find("refund", request.requestId)
  if (stored) {
    if (stored.fingerprint !== fingerprint) {
      throw duplicate(`requestId ${request.requestId} was already used with other parameters`)
    }
    // the original result, in the transactions' current states, and no new credit
    return answer(state, order, 200, transactionsById(order, stored.transactionIds))
  }
  let refunds: StoredTransaction[]
  try {
    refunds = makeRefunds(state, order, request)
  } catch (error) {
    if (
      error instanceof WorldlineError &&
      error.isBusinessRule &&
      state.config.refusalShape === "rejected_transaction"
    ) {
      const rejected = makeTransaction(state, {
        transactionType: "Credit",
        state: "Rejected",
        statusCode: error.statusCode,
        description: error.body.description,
        amountMinor: request.amount.minor,
        referenceTransactionId: request.transactionId ?? null,
        requestId: request.requestId,
      })
      return answer(state, order, 200, [rejected])
    }
    throw error
  }
  state.requestIds.remember("refund", request.requestId, {
    fingerprint,
    orderId,
    transactionIds: refunds.map((t) => t.transactionId),
  })
  orderChanged(state, order)
  return answer(state, order, 201, refunds)
}
