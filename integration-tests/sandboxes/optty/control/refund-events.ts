import { randomUUID } from "node:crypto"
import { addRefund, refusalOfRefund } from "../api/refund-rules"
import { ControlError } from "../errors"
import type { DashboardRefundOptions, SettleRefundOptions } from "../sandbox-types"
import type { OpttyOrderState, StoredRefund } from "../state/order-model"
import type { SandboxState } from "../state/sandbox-state"
import { controlAmount } from "./control-amounts"

/** A refund by its refundId (as in details) or by the reference the merchant sent. */
function findRefund(order: OpttyOrderState, id: string): StoredRefund | undefined {
  return order.refunds.find((refund) => refund.refundId === id || refund.sentReference === id)
}

/**
 * A PENDING refund reaches its final state at the provider. A FAILED one gives its amount back
 * to the order (order-amounts.ts counts only refunds that hold money).
 */
export function settleRefund(
  state: SandboxState,
  order: OpttyOrderState,
  refundId: string,
  options: SettleRefundOptions,
): StoredRefund {
  const refund = findRefund(order, refundId)
  if (!refund) {
    throw new ControlError(`Order ${order.orderReference} has no refund ${refundId}`, 404)
  }
  if (refund.status !== "PENDING") {
    throw new ControlError(
      `Refund ${refund.refundId} is ${refund.status}; only a PENDING refund can settle`,
    )
  }
  if (options.status !== "SUCCESSFUL" && options.status !== "FAILED") {
    throw new ControlError('status must be "SUCCESSFUL" or "FAILED"')
  }
  if (options.reason !== undefined && typeof options.reason !== "string") {
    throw new ControlError("reason must be a string")
  }
  refund.status = options.status
  refund.settledAt = state.nowIso()
  if (options.status === "FAILED") {
    refund.refundFailureReason = options.reason ?? "Refund declined by the provider"
  }
  return refund
}

/**
 * A refund made in Optty's portal: no API call, an Optty-generated refundId the merchant never
 * sent, and the same status and amount limits as the refund call.
 */
export function dashboardRefund(
  state: SandboxState,
  order: OpttyOrderState,
  options: DashboardRefundOptions,
): StoredRefund {
  const amountCents = controlAmount(options.amount, "amount", false)
  const status = options.status ?? state.refundsStartAs
  if (status !== "SUCCESSFUL" && status !== "PENDING") {
    throw new ControlError('status must be "SUCCESSFUL" or "PENDING"')
  }
  const refusal = refusalOfRefund(order, amountCents)
  if (refusal !== null) throw new ControlError(refusal)
  return addRefund(state, order, {
    refundId: `portal-${randomUUID()}`,
    sentReference: null,
    source: "dashboard",
    amountCents,
    status,
    refundReason: "Refund made in the Optty portal",
    isActivatedViaOAuth: null,
  })
}
