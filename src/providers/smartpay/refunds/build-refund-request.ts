import { CheckoutCart, matchPlanLines } from "../../../core/checkout-cart"
import { RefundIntent } from "../../../core/provider-refunds"
import { CURRENCY } from "../checkout/build-checkout-session"
import { refundDescription } from "./refund-description"
import { SmartpayRefundReason } from "./refund-reason"
import { partIdempotencyKey, refundReference } from "./refund-reference"

export interface SmartpayRefundBody {
  payment: string
  amount: number
  currency: typeof CURRENCY
  reason: SmartpayRefundReason
  lineItems?: string[]
  description: string
  reference: string
  metadata: Record<string, string>
}

export interface SmartpayRefundRequest {
  part: number
  idempotency_key: string
  body: SmartpayRefundBody
}

/** at most 20 metadata pairs (docs/gateways/smartpay.md#refund-request) */
export const MAX_METADATA_PAIRS = 20

/**
 * The `li_…` ids of the lines a refund returns (docs/gateways/smartpay.md#refunds, #line-items-rule).
 * Smartpay's `lineItems` has no quantities and does not change the money: a line is listed when
 * at least one unit of it is refunded, once. Shipping is Smartpay's fee, not a line: never
 * listed. Plan lines are order lines: they are traced to their checkout cart line
 * (`matchPlanLines`) and from it to the `li_…` id kept at authorisation. A line that cannot be
 * traced is left out (named in `unmatched`): the refund's amount is still right.
 */
export function refundLineItemIds(input: {
  intent: RefundIntent
  cart: CheckoutCart | null
  lineItems: Record<string, string> | null | undefined
}): { ids: string[]; unmatched: string[] } {
  const lines = Object.values(input.intent.plan?.lines ?? {}).filter((l) => l.quantity >= 1)
  if (lines.length === 0) return { ids: [], unmatched: [] }
  if (!input.cart || !input.lineItems) {
    return { ids: [], unmatched: lines.map((l) => l.line_item_id) }
  }
  const ids: string[] = []
  const unmatched: string[] = []
  const matches = matchPlanLines(lines, input.cart.lines)
  for (const line of [...lines].sort((a, b) => a.position - b.position)) {
    const match = matches[line.line_item_id]
    const id =
      match?.status === "matched" ? input.lineItems[match.checkout_line.line_item_id] : null
    if (id && !ids.includes(id)) ids.push(id)
    else if (!id) unmatched.push(line.line_item_id)
  }
  return { ids, unmatched }
}

/**
 * One Smartpay refund request per part (docs/gateways/smartpay.md#refund-request): `payment`,
 * the part's whole yen, JPY, the reason, the returned lines the payment covers, a description
 * for the shopper, the part's reference and Idempotency-Key (see refund-reference.ts), and
 * metadata (strings, ≤ 20 pairs) that ties it to Medusa's order, returns and refund.
 */
export function buildRefundRequest(input: {
  intent: RefundIntent
  orderId: string
  part: number
  payment: { id: string; lineItems?: readonly string[] | null }
  amountYen: number
  reason: SmartpayRefundReason
  lineItemIds: readonly string[]
}): SmartpayRefundRequest {
  const { intent, part } = input
  const key = intent.idempotency_key
  const covered = input.payment.lineItems
  const lineItems = covered
    ? input.lineItemIds.filter((id) => covered.includes(id))
    : [...input.lineItemIds]
  return {
    part,
    idempotency_key: partIdempotencyKey(key, part),
    body: {
      payment: input.payment.id,
      amount: input.amountYen,
      currency: CURRENCY,
      reason: input.reason,
      ...(lineItems.length ? { lineItems } : {}),
      description: refundDescription(intent.plan),
      reference: refundReference(key),
      metadata: refundMetadata(intent, input.orderId, part),
    },
  }
}

function refundMetadata(intent: RefundIntent, orderId: string, part: number) {
  const plan = intent.plan
  const pairs: Array<[string, string | null | undefined]> = [
    ["medusa_refund_key", intent.idempotency_key],
    ["medusa_refund_part", String(part)],
    ["medusa_refund_id", intent.refund_id],
    ["medusa_order_id", plan?.order_id],
    [
      "medusa_return_id",
      Object.keys(plan?.return_ids ?? {})
        .sort()
        .join(","),
    ],
    ["medusa_plan_id", plan?.id],
    ["smartpay_order", orderId],
  ]
  return Object.fromEntries(
    pairs.filter((p): p is [string, string] => !!p[1]).slice(0, MAX_METADATA_PAIRS),
  )
}
