import { OrderItemSnapshot, ShippingMethodSnapshot } from "../../core/refund-plan"
import { exactDecimal } from "./exact-decimal"

type Row = Record<string, any>

/**
 * A cart or order line as the core's totals code reads it: the raw (exact) amounts Medusa stores,
 * never its rounded display numbers. Carts and orders store lines alike.
 */
export function lineItemSnapshot(item: Row): OrderItemSnapshot {
  return {
    id: item.id,
    title: item.title,
    variant_id: item.variant_id ?? null,
    product_id: item.product_id ?? null,
    variant_sku: item.variant_sku ?? null,
    quantity: exactDecimal(item, "quantity"),
    unit_price: exactDecimal(item, "unit_price"),
    is_tax_inclusive: !!item.is_tax_inclusive,
    tax_lines: (item.tax_lines ?? []).map((t: Row) => ({
      rate: exactDecimal(t, "rate"),
      code: t.code ?? null,
    })),
    adjustments: (item.adjustments ?? []).map((a: Row) => ({
      amount: exactDecimal(a, "amount"),
      is_tax_inclusive: !!a.is_tax_inclusive,
      code: a.code ?? null,
    })),
  }
}

/** A cart or order shipping method, likewise (cart shipping adjustments exclude tax). */
export function shippingMethodSnapshot(method: Row): ShippingMethodSnapshot {
  return {
    id: method.id,
    name: method.name,
    amount: exactDecimal(method, "amount"),
    is_tax_inclusive: !!method.is_tax_inclusive,
    tax_lines: (method.tax_lines ?? []).map((t: Row) => ({
      rate: exactDecimal(t, "rate"),
      code: t.code ?? null,
    })),
    adjustments: (method.adjustments ?? []).map((a: Row) => ({
      amount: exactDecimal(a, "amount"),
      is_tax_inclusive: !!a.is_tax_inclusive,
      code: a.code ?? null,
    })),
  }
}
