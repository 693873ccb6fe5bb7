import { orderedPlanParts } from "../../../core/refund-plan"
import { StoredRefundPlan } from "../../../core/payment-data"

/** Optty documents no limit; BNPL providers show this text to shoppers, so keep it short. */
export const MAX_DESCRIPTION_LENGTH = 255

/**
 * What the refund is for, in words staff and shoppers recognise:
 * "Return RET-12: 1× T-shirt M, 2× Mug, shipping". Amount-only refunds name the order.
 */
export function refundDescription(plan: StoredRefundPlan | null, amountText: string): string {
  const returns = Object.keys(plan?.return_ids ?? {})
    .map((id) => plan?.labels?.returns[id])
    .filter((label): label is string => Boolean(label))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
  const order = plan?.labels?.order
  if (!plan || (Object.keys(plan.lines).length === 0 && Object.keys(plan.shipping).length === 0)) {
    return order ? `Refund of ${amountText} for order #${order}` : `Refund of ${amountText}`
  }
  const { lines, shipping } = orderedPlanParts(plan)
  const parts = [
    ...lines.map((line) => `${line.quantity}× ${line.title}`),
    ...shipping.map((method) => (method.name ? `shipping (${method.name})` : "shipping")),
  ]
  const head =
    returns.length === 0
      ? order
        ? `Refund for order #${order}`
        : "Refund"
      : `${returns.length === 1 ? "Return" : "Returns"} ${returns.map((r) => `RET-${r}`).join(", ")}`
  return truncate(`${head}: ${parts.join(", ")}`)
}

function truncate(text: string): string {
  if (text.length <= MAX_DESCRIPTION_LENGTH) return text
  return `${text.slice(0, MAX_DESCRIPTION_LENGTH - 1)}…`
}
