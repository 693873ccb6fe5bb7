import { RefundIntent } from "../../../core/provider-refunds"

export type SmartpayRefundReason = "requested_by_customer" | "fraudulent"

/**
 * Smartpay's required `reason` (docs/gateways/smartpay.md#refund-request): `fraudulent` when
 * the refund's Medusa reason (code or label) is one of the `fraudulentReasonCodes` option, else
 * `requested_by_customer`. Medusa hands a provider no refund reason (RefundPaymentInput has the
 * amount, data and context only), so the reason is read from the refund plan when one carries
 * it (`refund_reason` or `note`, not written by the plugin yet) and defaults otherwise.
 */
export function refundReasonFor(
  intent: RefundIntent,
  fraudulentReasonCodes: readonly string[],
): SmartpayRefundReason {
  const said = reasonTextOf(intent)
  if (!said || fraudulentReasonCodes.length === 0) return "requested_by_customer"
  const wanted = new Set(fraudulentReasonCodes.map(normalise))
  return wanted.has(normalise(said)) ? "fraudulent" : "requested_by_customer"
}

function reasonTextOf(intent: RefundIntent): string | null {
  const plan = (intent.plan ?? {}) as Record<string, unknown>
  for (const field of ["refund_reason", "note"]) {
    const value = plan[field]
    if (typeof value === "string" && value.trim()) return value
  }
  return null
}

const normalise = (text: string) => text.trim().toLowerCase()
