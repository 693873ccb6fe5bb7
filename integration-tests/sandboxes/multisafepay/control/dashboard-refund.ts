import { ControlError } from "../errors"
import { minorToFixed } from "../money/currency"
import type { DashboardRefundOptions } from "../sandbox-types"
import { CartItem, Refund, StoredOrder, TaxTables, UNIT_PRICE_SCALE } from "../state/order-model"
import { orderStatus, REFUNDABLE_STATUSES, remainingRefundable } from "../state/order-status"
import { SandboxState } from "../state/sandbox-state"

/** The dashboard books refund lines at "None" (0 %): the "0" table, or any 0 % table. */
function zeroRateSelector(tables: TaxTables | null): string | null {
  if (!tables) return null
  if (tables.alternates.get("0") === 0n) return "0"
  for (const [name, rate] of tables.alternates) if (rate === 0n) return name
  return null
}

/**
 * A refund a merchant made in MultiSafepay's dashboard: no API call, no duplicate check. On a
 * cart order the dashboard adds one negative line at 0 % VAT
 * (docs/gateways/multisafepay.md#sandbox-rules).
 */
export function dashboardRefund(
  state: SandboxState,
  order: StoredOrder,
  options: DashboardRefundOptions,
): number {
  const { amount } = options
  const status = options.status ?? state.config.refundsStartAs
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new ControlError("amount must be a positive integer (minor units)")
  if (status !== "reserved" && status !== "completed")
    throw new ControlError('status must be "reserved" or "completed"')
  const orderState = orderStatus(order)
  if (!REFUNDABLE_STATUSES.has(orderState))
    throw new ControlError(`Order ${order.orderId} cannot be refunded: it is "${orderState}"`)
  const remaining = remainingRefundable(order)
  if (amount > remaining)
    throw new ControlError(`amount ${amount} exceeds the remaining refundable amount ${remaining}`)

  const now = state.now()
  const refund: Refund = {
    id: state.nextId(),
    kind: "dashboard",
    status,
    amount,
    currency: order.currency,
    refundOrderId: null,
    description: "Refund from the MultiSafepay dashboard",
    created: now,
    modified: now,
    reason: null,
    requestSignature: null,
  }
  order.refunds.push(refund)
  if (order.cart) {
    const line: CartItem = {
      name: "Refund",
      description: "",
      unitPrice: -minorToFixed(BigInt(amount), order.currency, UNIT_PRICE_SCALE),
      quantity: 1,
      merchantItemId: `dashboard-refund-${refund.id}`,
      taxTableSelector: zeroRateSelector(order.taxTables),
      rate: 0n,
      refundId: refund.id,
      extra: {},
    }
    order.cart.push(line)
  }
  state.changed(order)
  return refund.id
}
