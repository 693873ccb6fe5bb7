import { StoredRefundPlan } from "../../../core/payment-data"
import { orderedPlanParts } from "../../../core/refund-plan"
import { toMinorUnits } from "../../../core/money"

/** `description`: 1 to 80 characters, shown to the shopper (docs/gateways/smartpay.md#refund-request). */
export const MAX_DESCRIPTION_LENGTH = 80

/**
 * What the refund is for, in words the shopper recognises: "Return R-12: 1× Shirt, shipping 770 JPY".
 * Amount-only refunds name the order. Cut to 80 characters (code points, never half a
 * character), ending in "…" when cut.
 */
export function refundDescription(plan: StoredRefundPlan | null): string {
  const order = plan?.labels?.order
  const returns = Object.keys(plan?.return_ids ?? {})
    .map((id) => plan?.labels?.returns[id])
    .filter((label): label is string => Boolean(label))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
  const hasParts =
    !!plan && (Object.keys(plan.lines).length > 0 || Object.keys(plan.shipping).length > 0)
  if (!plan || !hasParts) return cut(order ? `Refund for order #${order}` : "Refund")
  const { lines, shipping } = orderedPlanParts(plan)
  const parts = [
    ...lines.map((line) => `${line.quantity}× ${line.title}`),
    ...shipping.map((method) => `shipping ${toMinorUnits(method.total, "JPY")} JPY`),
  ]
  const head =
    returns.length === 0
      ? order
        ? `Refund for order #${order}`
        : "Refund"
      : `${returns.length === 1 ? "Return" : "Returns"} ${returns.map((r) => `R-${r}`).join(", ")}`
  return cut(`${head}: ${parts.join(", ")}`)
}

export function cut(text: string, max = MAX_DESCRIPTION_LENGTH): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim())
  if (chars.length <= max) return chars.join("") || "Refund"
  return `${chars
    .slice(0, max - 1)
    .join("")
    .trimEnd()}…`
}
