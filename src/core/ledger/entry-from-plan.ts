import {
  allocateByLargestRemainder,
  decimalString,
  fromMinorUnits,
  toDecimal,
  toMinorUnits,
} from "../money"
import { StoredRefundPlan } from "../payment-data"
import { orderedPlanParts } from "../refund-plan/build-refund-plan"
import { LedgerSource, LedgerUnit, NewLedgerRefund } from "./types"

/**
 * The ledger entry for a plan, written before the gateway is called (status in_doubt): one unit
 * group per order line and return it comes from (the line's amounts split by quantity, so the
 * groups add up to the line exactly), and one per shipping method.
 */
export function ledgerEntryFromPlan(input: {
  plan: StoredRefundPlan
  /** what Medusa books for it */
  amount: string
  provider_id: string
  source: LedgerSource
  note?: string | null
}): NewLedgerRefund {
  const { plan } = input
  const currency = plan.currency_code
  const { lines, shipping } = orderedPlanParts(plan)
  const units: LedgerUnit[] = []
  for (const line of lines) {
    const returns = Object.entries(line.returns).sort(([a], [b]) => a.localeCompare(b))
    const groups: Array<[string | null, number]> = returns.length
      ? returns
      : [[null, line.quantity]]
    const weights = groups.map(([, quantity]) => quantity)
    const minor = allocateByLargestRemainder(toMinorUnits(line.total, currency), weights)
    const exactPerUnit = toDecimal(line.total_exact).dividedBy(line.quantity || 1)
    groups.forEach(([returnId, quantity], index) => {
      units.push({
        kind: "item",
        line_item_id: line.line_item_id,
        shipping_method_id: null,
        return_id: returnId,
        title: line.title,
        quantity,
        amount: fromMinorUnits(minor[index], currency),
        amount_exact: decimalString(
          groups.length === 1 ? line.total_exact : exactPerUnit.times(quantity),
        ),
      })
    })
  }
  for (const method of shipping) {
    units.push({
      kind: "shipping",
      line_item_id: null,
      shipping_method_id: method.shipping_method_id,
      return_id: null,
      title: method.name,
      quantity: 1,
      amount: method.total,
      amount_exact: method.total_exact,
    })
  }
  return {
    payment_id: plan.payment_id,
    order_id: plan.order_id,
    provider_id: input.provider_id,
    refund_id: null,
    idempotency_key: plan.idempotency_key,
    return_ids: Object.keys(plan.return_ids).sort(),
    kind: units.length ? "lines" : "amount",
    source: input.source,
    status: "in_doubt",
    amount: decimalString(input.amount),
    currency_code: currency,
    gateway_amount: null,
    gateway_reference: null,
    plan_id: plan.id,
    pending_difference_before: plan.pending_difference_before,
    note: input.note ?? null,
    gateway: null,
    units,
  }
}
