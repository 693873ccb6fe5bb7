import { RefundIntent } from "../../../core/provider-refunds"

export type SmartpayRefundReason = "requested_by_customer" | "fraudulent"

/**
 * Smartpay's required `reason` (docs/gateways/smartpay.md#refund-request): `fraudulent` when the
 * Medusa refund reason staff chose (its code or its label, any case) is one of the
 * `fraudulentReasonCodes` option, else `requested_by_customer`. Medusa hands a provider no refund
 * reason, so the plugin's plan carries it (`refund_reason`, src/workflows/book-refund.ts).
 */
export function refundReasonFor(
  intent: RefundIntent,
  fraudulentReasonCodes: readonly string[],
): SmartpayRefundReason {
  const reason = intent.plan?.refund_reason
  if (!reason || fraudulentReasonCodes.length === 0) return "requested_by_customer"
  const wanted = new Set(fraudulentReasonCodes.map(normalise))
  const chosen = [reason.code, reason.label].filter((text): text is string => !!text?.trim())
  return chosen.some((text) => wanted.has(normalise(text))) ? "fraudulent" : "requested_by_customer"
}

const normalise = (text: string) => text.trim().toLowerCase()
