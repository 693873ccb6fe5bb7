/**
 * POST /refunds and GET /refunds/{id} (docs/gateways/smartpay.md#refund-request, #refund-limits,
 * #line-items-rule). Checks in this order: fields (400), the payment (404 payment.not-found),
 * the currency, the lines (400: li ids of that payment), the amount (403 amount.insufficient:
 * more than the payment minus its earlier, not failed, refunds). No amount = what is left (doc).
 */
import { CODES, forbidden, invalid, notFound } from "../errors"
import { emit } from "../notifications/events"
import type { RefundReason } from "../sandbox-types"
import { refundableYen } from "../state/amounts"
import { newId } from "../state/ids"
import type { StoredPayment, StoredRefund } from "../state/model"
import { renderRefund } from "../state/render"
import type { SandboxState } from "../state/sandbox-state"
import { requirePayment } from "./payments"
import {
  lineItemIdsOf,
  metadataOf,
  optionalString,
  requiredCurrency,
  requiredString,
  requireBody,
  yenOf,
  type Body,
} from "./validation"

export const REASONS: readonly RefundReason[] = ["requested_by_customer", "fraudulent"]

export interface NewRefund {
  amount: number | null
  lineItemIds: string[]
  reason: RefundReason
  reference: string | null
  description: string | null
  metadata: StoredRefund["metadata"]
  idempotencyKey: string | null
  status: StoredRefund["status"]
}

function reasonOf(body: Body): RefundReason {
  const reason = requiredString(body, "reason") as RefundReason
  if (!REASONS.includes(reason)) throw invalid(`reason must be one of ${REASONS.join(", ")}`)
  return reason
}

/** The limit rule shared by the API and dashboard refunds; refund.created is sent. */
export function makeRefund(
  state: SandboxState,
  payment: StoredPayment,
  fields: NewRefund,
): StoredRefund {
  const left = refundableYen(state, payment)
  const amount = fields.amount ?? left
  if (amount <= 0 || amount > left) {
    throw forbidden(
      CODES.insufficient,
      `A refund of ${amount} exceeds the ${left} JPY left to refund on payment ${payment.id}`,
    )
  }
  const now = state.nowMs()
  const refund: StoredRefund = {
    id: newId("refund"),
    paymentId: payment.id,
    amount,
    lineItemIds: fields.lineItemIds,
    reason: fields.reason,
    reference: fields.reference,
    description: fields.description,
    metadata: fields.metadata,
    status: fields.status,
    idempotencyKey: fields.idempotencyKey,
    createdAt: now,
    updatedAt: now,
  }
  state.refunds.set(refund.id, refund)
  payment.refundIds.push(refund.id)
  payment.updatedAt = now
  emit(state, "refund.created", { kind: "refund", refund })
  return refund
}

export function createRefund(state: SandboxState, raw: unknown, idempotencyKey: string | null) {
  const body = requireBody(raw)
  const paymentId = requiredString(body, "payment")
  const amount =
    body.amount === undefined || body.amount === null ? null : yenOf(body.amount, "amount")
  requiredCurrency(body, "currency")
  const reason = reasonOf(body)
  const description = optionalString(body, "description", { min: 1, max: 80 })
  const reference = optionalString(body, "reference", { min: 1, max: 40 })
  const metadata = metadataOf(body)
  const payment = requirePayment(state, paymentId)
  const lineItemIds = lineItemIdsOf(body, payment.lineItemIds, `payment ${paymentId}`) ?? []
  const refund = makeRefund(state, payment, {
    amount,
    lineItemIds,
    reason,
    reference,
    description,
    metadata,
    idempotencyKey,
    status: state.refundsStartAs,
  })
  return { status: 200, body: renderRefund(refund) }
}

export function getRefund(state: SandboxState, id: string) {
  const refund = state.refunds.get(id)
  if (!refund) throw notFound(CODES.refundNotFound, `No refund ${id}`)
  return { status: 200, body: renderRefund(refund) }
}
