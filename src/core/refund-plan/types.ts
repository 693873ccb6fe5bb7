import { BigNumberInput } from "@medusajs/framework/types"

/**
 * Gateway-neutral snapshots of what the refund plan is computed from. They hold the raw fields
 * Medusa stores (prices, tax lines, adjustments), so amounts can be derived with Medusa's own
 * totals functions, and nothing about any gateway.
 */
export interface TaxLineSnapshot {
  rate: BigNumberInput
  code?: string | null
}

export interface AdjustmentSnapshot {
  amount: BigNumberInput
  is_tax_inclusive?: boolean | null
  code?: string | null
}

export interface OrderItemSnapshot {
  id: string
  title: string
  variant_id?: string | null
  product_id?: string | null
  variant_sku?: string | null
  quantity: BigNumberInput
  unit_price: BigNumberInput
  is_tax_inclusive?: boolean | null
  tax_lines?: TaxLineSnapshot[] | null
  adjustments?: AdjustmentSnapshot[] | null
}

export interface ShippingMethodSnapshot {
  id: string
  name: string
  amount: BigNumberInput
  is_tax_inclusive?: boolean | null
  tax_lines?: TaxLineSnapshot[] | null
  adjustments?: AdjustmentSnapshot[] | null
}

export interface OrderSnapshot {
  id: string
  display_id?: number | string | null
  currency_code: string
  items: OrderItemSnapshot[]
  shipping_methods?: ShippingMethodSnapshot[] | null
}

/** A return with the quantities the store has received (damaged units count: Medusa owes them too). */
export interface ReceivedReturnSnapshot {
  id: string
  display_id?: number | string | null
  received_at?: string | Date | null
  items: Array<{ item_id: string; received_quantity: BigNumberInput }>
}

/**
 * What has been refunded already, summed over all of the order's payments: the plan's view of the
 * ledger entries (`orderLedger` in src/core/ledger).
 */
export interface RefundLedger {
  /** order line item id → units refunded */
  units: Record<string, number>
  /** return id → order line item id → units of that return refunded */
  return_units: Record<string, Record<string, number>>
  /** shipping method id → amount of it refunded (major units, decimal string) */
  shipping: Record<string, string>
}

export interface RefundPlanLine {
  line_item_id: string
  variant_id: string | null
  sku: string | null
  title: string
  /** order of the line in the order, so gateways can keep the shopper's line order */
  position: number
  quantity: number
  /** per unit, before discounts (decimal strings in major units, full precision) */
  unit_price_excl_tax: string
  unit_price_incl_tax: string
  /** sum of the line's tax rates in percent, e.g. "21" */
  tax_rate: string
  /** the discount carried by these units, excluding and including tax */
  discount_subtotal: string
  discount_total: string
  /** what Medusa owes for these units, full precision */
  total_exact: string
  /** `total_exact` rounded so that all plan totals add up to the plan amount exactly */
  total: string
  /** return id → units of this line taken from that return */
  returns: Record<string, number>
}

export interface RefundPlanShipping {
  shipping_method_id: string
  name: string
  position: number
  tax_rate: string
  total_exact: string
  total: string
}

export interface RefundPlanDraft {
  order_id: string
  currency_code: string
  /** major units, rounded to the currency's minor unit */
  amount: string
  amount_exact: string
  return_ids: Record<string, true>
  /**
   * What staff and shoppers call the order and the returns (their display ids), for gateways
   * that describe a refund in words. Optional: plans written before it existed lack it.
   */
  labels?: { order: string | null; returns: Record<string, string> }
  lines: Record<string, RefundPlanLine>
  shipping: Record<string, RefundPlanShipping>
}
