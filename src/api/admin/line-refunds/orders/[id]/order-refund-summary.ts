import { MedusaError } from "@medusajs/framework/utils"
import { LedgerRefund, REFUNDED_STATUSES } from "../../../../../core/ledger"
import { decimalString, toDecimal } from "../../../../../core/money"
import {
  buildRefundPlan,
  isEmptyPlan,
  orderedPlanParts,
  planForRequest,
  RefundContext,
  refundableShipping,
  refundableUnits,
  unitAmounts,
} from "../../../../../core/refund-plan"
import { descriptorOfProvider } from "../../../../../gateway-kit/descriptors"

/**
 * What the order page's widget shows, computed from the refund context and the plugin's ledger:
 * the order's lines and shipping with what is refunded and left, each received return with its
 * lines and amounts, what Medusa's own Refund form will do with the amount it pre-fills, and the
 * refunds made. Amounts are decimal strings at full precision; the widget rounds them to the
 * currency's minor unit, as the gateway refunds them.
 */
export function orderRefundSummary(context: RefundContext, now: Date) {
  const { order, ledger, entries } = context
  const inDoubt = entries.filter((e) => e.status === "in_doubt")
  const refundable = refundableUnits(order, ledger, entries)
  const shippingLeft = refundableShipping(order, ledger)

  const items = order.items.map((item) => ({
    line_item_id: item.id,
    title: item.title,
    ordered: Number(item.quantity),
    refunded: ledger.units[item.id] ?? 0,
    in_doubt: unitsOf(inDoubt, (u) => u.line_item_id === item.id),
    refundable: refundable[item.id] ?? 0,
    /** what one unit refunds: Medusa's owed amount per unit, tax and discounts included */
    unit_amount: decimalString(unitAmounts(item).total),
  }))
  const shipping = (order.shipping_methods ?? []).map((method) => ({
    shipping_method_id: method.id,
    name: method.name,
    refunded: ledger.shipping[method.id] ?? "0",
    refundable: shippingLeft[method.id] ?? "0",
  }))

  const position = new Map(order.items.map((item, index) => [item.id, index]))
  const receiptPosition = (unit: Unit) =>
    unit.kind === "shipping"
      ? Number.MAX_SAFE_INTEGER
      : (position.get(unit.line_item_id ?? "") ?? 0)

  const returns = [...context.returns]
    .sort(
      (a, b) =>
        new Date(a.received_at ?? 0).getTime() - new Date(b.received_at ?? 0).getTime() ||
        a.id.localeCompare(b.id),
    )
    .map((ret) => {
      const base = { order, returns: context.returns, ledger, return_id: ret.id }
      const open = buildRefundPlan(base)
      const withShipping = buildRefundPlan({ ...base, shipping: true })
      const held = (lineId: string) =>
        unitsOf(inDoubt, (u) => u.return_id === ret.id && u.line_item_id === lineId)
      const lines = ret.items.map((item) => {
        const openLine = open.lines[item.item_id]
        return {
          line_item_id: item.item_id,
          title: order.items.find((i) => i.id === item.item_id)?.title ?? item.item_id,
          received: Number(item.received_quantity),
          refunded: ledger.return_units[ret.id]?.[item.item_id] ?? 0,
          in_doubt: held(item.item_id),
          to_refund: Math.max(0, (openLine?.quantity ?? 0) - held(item.item_id)),
          amount_refunded: amountOf(
            entries,
            (u) => u.return_id === ret.id && u.line_item_id === item.item_id,
          ),
          amount_to_refund: openLine?.total ?? "0",
        }
      })
      const blocked = lines.some((l) => l.in_doubt > 0)
      const shippingParts = orderedPlanParts(withShipping).shipping
      return {
        id: ret.id,
        /** how Medusa's own order page names the return ("Return #A8PW92H") */
        label: medusaLabel(ret.id),
        received_at: ret.received_at ?? null,
        lines,
        amount_to_refund: isEmptyPlan(open) || blocked ? null : open.amount,
        amount_to_refund_with_shipping:
          blocked || isEmptyPlan(withShipping) || !shippingParts.length
            ? null
            : withShipping.amount,
        shipping_to_refund: shippingParts.map((s) => ({ name: s.name, amount: s.total })),
      }
    })

  return {
    order_id: order.id,
    currency_code: order.currency_code,
    payment_id: context.payment.id,
    provider_id: context.payment.provider_id,
    gateway: gatewayName(context.payment.provider_id),
    items,
    shipping,
    returns,
    stock_refund: stockRefundPreview(context, now),
    refunds: entries.map((entry) => ({
      id: entry.id,
      payment_id: entry.payment_id,
      refund_id: entry.refund_id,
      kind: entry.kind,
      source: entry.source,
      status: entry.status,
      /** what Medusa booked, full precision */
      amount: entry.amount,
      /** what the gateway was asked to pay back, in its minor unit (null when not known) */
      gateway_amount: entry.gateway_amount,
      gateway_reference: entry.gateway_reference,
      failure_reason: entry.failure_reason ?? null,
      created_at: entry.created_at,
      status_changed_at: entry.status_changed_at ?? entry.created_at,
      return_ids: entry.return_ids,
      return_labels: entry.return_ids.map(medusaLabel),
      // in the order's own line order, shipping last, as a receipt reads
      lines: [...entry.units]
        .sort((a, b) => receiptPosition(a) - receiptPosition(b))
        .map((unit) => ({
          kind: unit.kind,
          title: unit.line_item_id
            ? (order.items.find((i) => i.id === unit.line_item_id)?.title ?? unit.title)
            : unit.title,
          quantity: unit.quantity,
          amount: unit.amount,
        })),
    })),
  }
}

export type OrderRefundSummary = ReturnType<typeof orderRefundSummary>

/** "#A8PW92H": Medusa's admin names returns, claims and exchanges by their id's last 7 characters. */
export function medusaLabel(id: string): string {
  return `#${id.slice(-7)}`
}

function gatewayName(providerId: string): string {
  return descriptorOfProvider(providerId)?.name ?? providerId
}

type Unit = LedgerRefund["units"][number]

function unitsOf(entries: LedgerRefund[], match: (unit: Unit) => boolean): number {
  return entries
    .flatMap((e) => e.units)
    .filter(match)
    .reduce((sum, u) => sum + u.quantity, 0)
}

/** What the refunds that moved money paid for the matching units, full precision. */
function amountOf(entries: LedgerRefund[], match: (unit: Unit) => boolean): string {
  return decimalString(
    entries
      .filter((e) => REFUNDED_STATUSES.has(e.status))
      .flatMap((e) => e.units)
      .filter(match)
      .reduce((sum, u) => sum.plus(toDecimal(u.amount_exact)), toDecimal(0)),
  )
}

/**
 * What Medusa's own Refund form does with the amount it pre-fills: the outstanding amount (capped
 * at the payment), else the payment's amount (the dashboard's order-create-refund form). The
 * plugin then refunds the received lines if that amount is what they are owed, or that amount
 * alone. Computed with the very rule the stock button's middleware runs (`planForRequest`).
 */
function stockRefundPreview(context: RefundContext, now: Date) {
  const owed = toDecimal(context.order.pending_difference ?? 0).negated()
  const paymentAmount = toDecimal(context.payment.amount)
  const amount = decimalString(
    owed.gt(0) ? (owed.lt(paymentAmount) ? owed : paymentAmount) : paymentAmount,
  )
  try {
    const { plan } = planForRequest(
      context,
      { kind: "amount", amount },
      { duplicateRefundWindowSeconds: 0, now, newPlanId: () => "preview" },
    )
    const { lines, shipping } = orderedPlanParts(plan)
    return {
      amount,
      owed: owed.gt(0),
      kind: lines.length || shipping.length ? ("lines" as const) : ("amount" as const),
      lines: [
        ...lines.map((l) => ({ title: l.title, quantity: l.quantity, amount: l.total })),
        ...shipping.map((s) => ({ title: `Shipping (${s.name})`, quantity: 1, amount: s.total })),
      ],
      refused: null,
    }
  } catch (error) {
    if (!MedusaError.isMedusaError(error)) throw error
    return {
      amount,
      owed: owed.gt(0),
      kind: "refused" as const,
      lines: [],
      refused: (error as Error).message,
    }
  }
}
