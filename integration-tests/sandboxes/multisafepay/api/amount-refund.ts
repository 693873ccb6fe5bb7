import { ErrorCode, mspError } from "../errors"
import { AMOUNT_REFUND_ALLOWED_PAY_LATER } from "../gateways"
import { StoredOrder } from "../state/order-model"
import { isPayLater, remainingRefundable } from "../state/order-status"
import { RefundPlan } from "./refund-plan"
import { isMinorAmount } from "./request-fields"

/**
 * { currency, amount }: amount in minor units; 0 or absent means "refund everything that is
 * left" (docs/gateways/multisafepay.md#refund-by-amount). Pay-later orders (except E-Invoicing)
 * must be refunded with a cart (docs/gateways/multisafepay.md#which-payments-are-refunded-by-cart).
 */
export function planAmountRefund(order: StoredOrder, body: Record<string, unknown>): RefundPlan {
  if (isPayLater(order) && !AMOUNT_REFUND_ALLOWED_PAY_LATER.has(order.gateway ?? "")) {
    throw mspError(
      ErrorCode.GENERIC,
      `This payment method needs a shopping cart refund (${order.gateway}): send checkout_data.items, not amount`,
    )
  }
  if (body.currency !== order.currency) {
    throw mspError(
      ErrorCode.INVALID_CURRENCY,
      `Invalid currency: the refund currency must equal the order currency ${order.currency}, got ${JSON.stringify(body.currency)}`,
    )
  }
  const requested = body.amount ?? 0
  if (!isMinorAmount(requested) || requested < 0) {
    throw mspError(
      ErrorCode.INVALID_AMOUNT,
      "Invalid amount: an integer in minor units (cents), 0 or more, is required",
    )
  }
  const remaining = remainingRefundable(order)
  if (requested === 0 && remaining <= 0) {
    throw mspError(ErrorCode.CANNOT_REFUND, "Cannot refund transaction: nothing is left to refund")
  }
  return {
    kind: "refund",
    amount: requested === 0 ? remaining : requested,
    lines: [],
    signature: null,
  }
}
