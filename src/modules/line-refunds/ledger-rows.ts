import { LedgerRefund, LedgerUnit } from "../../core/ledger"
import { exactDecimal } from "../../workflows/utils/exact-decimal"

type Row = Record<string, any>

/** The ledger entry of a `line_refund` row (with its units), amounts as exact decimal strings. */
export function toLedgerRefund(row: Row): LedgerRefund {
  const optional = (field: string) =>
    row[field] == null && row[`raw_${field}`] == null ? null : exactDecimal(row, field)
  return {
    id: row.id,
    payment_id: row.payment_id,
    order_id: row.order_id,
    provider_id: row.provider_id,
    refund_id: row.refund_id ?? null,
    idempotency_key: row.idempotency_key,
    return_ids: row.return_ids ?? [],
    kind: row.kind,
    source: row.source,
    status: row.status,
    amount: exactDecimal(row, "amount"),
    currency_code: row.currency_code,
    gateway_amount: optional("gateway_amount"),
    gateway_reference: row.gateway_reference ?? null,
    failure_reason: row.failure_reason ?? null,
    doubt_reason: row.doubt_reason ?? null,
    plan_id: row.plan_id ?? null,
    pending_difference_before: optional("pending_difference_before"),
    note: row.note ?? null,
    created_at: new Date(row.created_at).toISOString(),
    status_changed_at: row.status_changed_at ? new Date(row.status_changed_at).toISOString() : null,
    gateway: row.gateway ?? null,
    units: [...(row.units ?? [])]
      .sort((a: Row, b: Row) => String(a.id).localeCompare(String(b.id)))
      .map(toLedgerUnit),
  }
}

/** Ledger entries as Query returns them through a link (an object, a list or nothing), oldest first. */
export function ledgerEntries(linked: Row | Row[] | null | undefined): LedgerRefund[] {
  const rows = (Array.isArray(linked) ? linked : linked ? [linked] : []).filter(Boolean)
  return rows
    .map(toLedgerRefund)
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
}

function toLedgerUnit(row: Row): LedgerUnit {
  return {
    kind: row.kind,
    line_item_id: row.line_item_id ?? null,
    shipping_method_id: row.shipping_method_id ?? null,
    return_id: row.return_id ?? null,
    title: row.title,
    quantity: Number(row.quantity),
    amount: exactDecimal(row, "amount"),
    amount_exact: exactDecimal(row, "amount_exact"),
  }
}
