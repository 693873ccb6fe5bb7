/**
 * What happens to refunds outside the API: a pending refund ends (option refundsStartAs
 * "pending", ours: Smartpay documents no pending status), or a refund is made in Smartpay's
 * dashboard (docs/gateways/smartpay.md#refund-answer): succeeded, no key, refund.created sent.
 * Ending a refund sends no event: Smartpay has only refund.created, so a failed refund is seen by
 * reading it back (docs/gateways/smartpay.md#webhooks).
 */
import { makeRefund, REASONS } from "../api/refunds"
import { ControlError, SmartpayError } from "../errors"
import { isYen } from "../money/yen"
import type { DashboardRefundOptions, SettleRefundOptions } from "../sandbox-types"
import { refundableYen } from "../state/amounts"
import type { StoredOrder, StoredRefund } from "../state/model"
import type { SandboxState } from "../state/sandbox-state"

export function settleRefund(
  state: SandboxState,
  refund: StoredRefund,
  options: SettleRefundOptions,
): void {
  if (options.status !== "succeeded" && options.status !== "failed") {
    throw new ControlError('status must be "succeeded" or "failed"')
  }
  if (refund.status !== "pending") {
    throw new ControlError(`Refund ${refund.id} is ${refund.status}, not pending`)
  }
  refund.status = options.status
  refund.updatedAt = state.nowMs()
}

export function dashboardRefund(
  state: SandboxState,
  order: StoredOrder,
  options: DashboardRefundOptions = {},
): StoredRefund {
  if (options.amount !== undefined && !isYen(options.amount)) {
    throw new ControlError("amount must be a positive integer of yen")
  }
  const reason = options.reason ?? "requested_by_customer"
  if (!REASONS.includes(reason))
    throw new ControlError(`reason must be one of ${REASONS.join(", ")}`)
  const payments = state.paymentsOf(order)
  const wanted = options.amount ?? 1
  const payment =
    options.payment !== undefined
      ? payments.find((candidate) => candidate.id === options.payment)
      : payments.find((candidate) => refundableYen(state, candidate) >= wanted)
  if (!payment) {
    throw new ControlError(
      options.payment !== undefined
        ? `${options.payment} is not a payment of order ${order.id}`
        : `No payment of order ${order.id} has ${wanted} JPY left to refund`,
    )
  }
  const lineItemIds = options.lineItems ?? []
  const foreign = lineItemIds.filter((id) => !payment.lineItemIds.includes(id))
  if (foreign.length > 0) {
    throw new ControlError(`${foreign.join(", ")} are not line items of payment ${payment.id}`)
  }
  try {
    return makeRefund(state, payment, {
      amount: options.amount ?? null,
      lineItemIds,
      reason,
      reference: null,
      description: "Refunded in the Smartpay dashboard",
      metadata: {},
      idempotencyKey: null,
      status: "succeeded",
    })
  } catch (error) {
    if (error instanceof SmartpayError) throw new ControlError(error.message)
    throw error
  }
}
