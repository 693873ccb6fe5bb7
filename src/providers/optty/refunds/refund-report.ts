import { gatewayRefundFailureReason } from "../../../core/messages"
import { fromMinorUnits, toMinorUnits } from "../../../core/money"
import { GatewayRefundReport } from "../../../core/refund-outcomes"
import { GatewayError, RefundReport } from "../../../gateway-kit"
import { OpttyDetailsRefund, OpttyOrderDetails } from "../api/schemas"
import { refundStatus } from "../statuses"
import { keyOfReference, referenceOf } from "./refund-reference"

/**
 * The refunds in an order's details made for one logical refund key, oldest first: under the
 * key itself or a numbered retry of it (`exact` narrows to one reference), in our form or with
 * Optty's suffix.
 */
export function findRefunds(
  details: OpttyOrderDetails,
  reference: string,
  options: { exact?: boolean } = {},
): OpttyDetailsRefund[] {
  return (details.refunds ?? []).filter((r) =>
    options.exact
      ? referenceOf(r.refundId) === reference
      : keyOfReference(r.refundId) === reference,
  )
}

export function toRefundReport(refund: OpttyDetailsRefund, currency: string): GatewayRefundReport {
  const code = (refund.currency || currency).toUpperCase()
  if (!code) {
    throw new GatewayError("Optty", "ambiguous", `refund ${refund.refundId} has no currency`)
  }
  const status = refundStatus(refund.status)
  return {
    gateway_reference: refund.refundId,
    status,
    amount: fromMinorUnits(toMinorUnits(refund.amount, code), code),
    currency_code: code.toLowerCase(),
    idempotency_key: keyOfReference(refund.refundId),
    gateway_status: refund.status,
    reason:
      status === "failed"
        ? gatewayRefundFailureReason({
            gateway: "Optty",
            status: refund.status,
            reason: refund.refundFailureReason,
          })
        : null,
    created_at: refund.createdAt ?? null,
  }
}

/** Everything Optty says about an order's refunds, as the neutral report. */
export function refundReport(details: OpttyOrderDetails, orderReference: string): RefundReport {
  return {
    provider: "optty",
    // one Optty order per payment session, referenced by the session id
    session_id: orderReference,
    payment_reference: orderReference,
    refunds: (details.refunds ?? []).map((r) => toRefundReport(r, details.currency ?? "")),
  }
}
