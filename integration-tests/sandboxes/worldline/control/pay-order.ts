/**
 * The shopper finishes on the hosted page (docs/gateways/worldline.md#orders-and-payments): a
 * Processed Authorization ("Pending payment"; with autoCapture a Capture too, "Paid"), or a
 * Declined one ("Invalid", ours). The shopper is sent to returnUrl?orderId=<id>&cres=<opaque>.
 */
import { randomBytes } from "node:crypto"
import { addTransaction } from "../api/transactions"
import { ControlError } from "../errors"
import type { PaymentOutcome, PayOptions } from "../sandbox-types"
import type { StoredOrder } from "../state/order-model"
import type { SandboxState } from "../state/sandbox-state"

/** ours: the status code of a declined authorisation */
export const DECLINED_STATUS = 20051

export function payOrder(
  state: SandboxState,
  order: StoredOrder,
  options: PayOptions = {},
): string {
  const outcome: PaymentOutcome = options.outcome ?? "authorized"
  if (outcome !== "authorized" && outcome !== "declined") {
    throw new ControlError('outcome must be "authorized" or "declined"')
  }
  if (order.orderState !== "Registered") {
    throw new ControlError(
      `Order ${order.orderId} is ${order.orderState}; only a Registered order can be paid`,
    )
  }
  const authorization = addTransaction(state, order, {
    transactionType: "Authorization",
    state: outcome === "authorized" ? "Processed" : "Declined",
    statusCode: outcome === "authorized" ? 0 : DECLINED_STATUS,
    description: outcome === "authorized" ? "Approved" : "Declined by the issuer",
    amountMinor: order.orderAmountMinor,
    referenceTransactionId: null,
    requestId: null,
  })
  if (outcome === "authorized" && order.autoCapture) {
    addTransaction(state, order, {
      transactionType: "Capture",
      state: "Processed",
      description: "Captured at payment (autoCapture)",
      amountMinor: order.orderAmountMinor,
      referenceTransactionId: authorization.transactionId,
      requestId: null,
    })
  }
  const url = new URL(order.returnUrl)
  url.searchParams.set("orderId", order.orderId)
  url.searchParams.set("cres", randomBytes(24).toString("base64url"))
  return url.toString()
}
