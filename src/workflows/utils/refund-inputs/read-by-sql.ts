import { Knex } from "@medusajs/framework/mikro-orm/knex"
import { OrderRow, PaymentRows, RefundInputsReader, Row } from "./rows"

/**
 * Refund inputs read in plain SQL from Medusa 2.21.2's own tables: the payment with its refunds,
 * captures and order id in one statement, the order with its lines, shipping and returns in
 * another. Every refund reads them under the payment's lock, and through Query they were the
 * largest part of the plugin's cost on a refund (README "Speed figures": seven statements across
 * three modules, and the ORM building entities of every row). The rows come back in Query's shape
 * (rows.ts), decided by the same rules Medusa's order module reads by
 * (@medusajs/order dist/utils/base-repository-find.js and transform-order.js):
 * - an order's lines, shipping methods and summary are those of its current version
 *   (`order_item`, `order_shipping`, `order_summary` rows whose `version` is the order's);
 *   a line's adjustments are those of that version too, its tax lines are not versioned;
 * - a line's quantity is its version's (`order_item`), its unit price the version's when the
 *   version sets one (an order edit), else the line's;
 * - deleted rows (`deleted_at`) are never read;
 * - decimals come as text beside their exact `raw_` twins, timestamps as the JS dates the ORM
 *   makes of them (milliseconds, truncated).
 * The tables and columns are checked once before use (order-tables.ts); that both readers agree
 * on every order the integration suites make is checked there
 * (integration-tests/support/refund-inputs-agree.ts).
 */
export function sqlRefundInputsReader(knex: Knex): RefundInputsReader {
  return {
    async payment(paymentId: string): Promise<PaymentRows | null> {
      const [row] = await prepared(knex, "line-refunds-payment-v1", PAYMENT_SQL, [paymentId])
      if (!row) return null
      const { refunds, captures, order_id, ...payment } = row
      return { payment, refunds, captures, order_id: order_id ?? null }
    },
    async order(orderId: string): Promise<OrderRow | null> {
      const [order] = await prepared(knex, "line-refunds-order-v1", ORDER_SQL, [orderId])
      if (!order) return null
      return {
        ...order,
        items: order.items.map(withDates),
        shipping_methods: order.shipping_methods.map(withDates),
        returns: order.returns.map(withDates),
      }
    },
  }
}

/** Pools whose connections refused a prepared statement (a pooler in front of PostgreSQL). */
const unprepared = new WeakSet<object>()

/** pg's "prepared statement does not exist" and "already exists": a pooler swapped connections. */
const PREPARE_REFUSED = new Set(["26000", "42P05"])

/**
 * A statement run as a named prepared statement on a connection of Medusa's pool: PostgreSQL
 * then plans it once per connection, where planning these nested reads cost as long as running
 * them (integration-tests/bench/refund-overhead.bench.ts). Behind a pooler that hands statements
 * to other server connections (PgBouncer in transaction mode), a prepared statement can go
 * missing: the statement is then run unnamed, now and from then on.
 */
async function prepared(knex: Knex, name: string, text: string, values: unknown[]): Promise<Row[]> {
  const client = (knex as unknown as { client: PoolClient }).client
  const connection = await client.acquireConnection()
  try {
    if (!unprepared.has(client)) {
      try {
        return (await connection.query({ name, text, values })).rows
      } catch (error) {
        if (!PREPARE_REFUSED.has((error as { code?: string }).code ?? "")) throw error
        unprepared.add(client)
      }
    }
    return (await connection.query({ text, values })).rows
  } finally {
    await client.releaseConnection(connection)
  }
}

interface PoolClient {
  acquireConnection(): Promise<{
    query(q: { name?: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>
  }>
  releaseConnection(connection: unknown): Promise<void>
}

/** The timestamps of a row as the ORM hands them out (JSON gives them as ISO strings). */
function withDates(row: Row): Row {
  const out = { ...row }
  for (const field of ["created_at", "received_at"]) {
    if (typeof out[field] === "string") out[field] = new Date(out[field])
  }
  return out
}

// `numeric::text` keeps a decimal exact where a JSON number would not; readers prefer the raw twin.
const PAYMENT_SQL = `
select p.id, p.amount::text as amount, p.raw_amount, p.currency_code, p.provider_id, p.data,
  p.payment_collection_id,
  (select l.order_id from order_payment_collection l
    where l.payment_collection_id = p.payment_collection_id and l.deleted_at is null
    order by l.created_at, l.id limit 1) as order_id,
  coalesce((select json_agg(json_build_object(
      'id', r.id, 'amount', r.amount::text, 'raw_amount', r.raw_amount) order by r.created_at, r.id)
    from refund r where r.payment_id = p.id and r.deleted_at is null), '[]') as refunds,
  coalesce((select json_agg(json_build_object(
      'amount', c.amount::text, 'raw_amount', c.raw_amount) order by c.created_at, c.id)
    from capture c where c.payment_id = p.id and c.deleted_at is null), '[]') as captures
from payment p
where p.id = $1 and p.deleted_at is null`

const TAX_LINES = (table: string, owner: string, ownerId: string) => `
  coalesce((select json_agg(json_build_object(
      'rate', t.rate::text, 'raw_rate', t.raw_rate, 'code', t.code) order by t.created_at, t.id)
    from ${table} t where t.${owner} = ${ownerId} and t.deleted_at is null), '[]')`

// Shipping adjustments have no is_tax_inclusive column: Query leaves the field out, so do we.
const ADJUSTMENTS = (
  table: string,
  owner: string,
  ownerId: string,
  version: string,
  taxInclusive: boolean,
) => `
  coalesce((select json_agg(json_build_object(
      'amount', a.amount::text, 'raw_amount', a.raw_amount,
      ${taxInclusive ? "'is_tax_inclusive', a.is_tax_inclusive," : ""} 'code', a.code)
      order by a.created_at, a.id)
    from ${table} a
    where a.${owner} = ${ownerId} and a.version = ${version} and a.deleted_at is null), '[]')`

const ORDER_SQL = `
select o.id, o.display_id, o.currency_code,
  (select s.totals from order_summary s
    where s.order_id = o.id and s.version = o.version and s.deleted_at is null
    order by s.created_at, s.id limit 1) as summary,
  coalesce((select json_agg(json_build_object(
      'id', li.id, 'title', li.title, 'variant_id', li.variant_id, 'product_id', li.product_id,
      'variant_sku', li.variant_sku, 'is_tax_inclusive', li.is_tax_inclusive,
      'created_at', li.created_at,
      'quantity', oi.quantity::text, 'raw_quantity', oi.raw_quantity,
      'unit_price', coalesce(oi.unit_price, li.unit_price)::text,
      'raw_unit_price', coalesce(oi.raw_unit_price, li.raw_unit_price),
      'tax_lines', ${TAX_LINES("order_line_item_tax_line", "item_id", "li.id")},
      'adjustments', ${ADJUSTMENTS("order_line_item_adjustment", "item_id", "li.id", "oi.version", true)}
    ) order by li.created_at, li.id)
    from order_item oi
    join order_line_item li on li.id = oi.item_id and li.deleted_at is null
    where oi.order_id = o.id and oi.version = o.version and oi.deleted_at is null), '[]') as items,
  coalesce((select json_agg(json_build_object(
      'id', sm.id, 'name', sm.name, 'is_tax_inclusive', sm.is_tax_inclusive,
      'created_at', sm.created_at,
      'amount', sm.amount::text, 'raw_amount', sm.raw_amount,
      'tax_lines', ${TAX_LINES("order_shipping_method_tax_line", "shipping_method_id", "sm.id")},
      'adjustments', ${ADJUSTMENTS("order_shipping_method_adjustment", "shipping_method_id", "sm.id", "os.version", false)}
    ) order by sm.created_at, sm.id)
    from order_shipping os
    join order_shipping_method sm on sm.id = os.shipping_method_id and sm.deleted_at is null
    where os.order_id = o.id and os.version = o.version and os.deleted_at is null), '[]')
    as shipping_methods,
  coalesce((select json_agg(json_build_object(
      'id', r.id, 'display_id', r.display_id, 'status', r.status, 'claim_id', r.claim_id,
      'exchange_id', r.exchange_id, 'received_at', r.received_at,
      'items', coalesce((select json_agg(json_build_object(
          'item_id', ri.item_id, 'received_quantity', ri.received_quantity::text,
          'raw_received_quantity', ri.raw_received_quantity) order by ri.created_at, ri.id)
        from return_item ri where ri.return_id = r.id and ri.deleted_at is null), '[]')
    ) order by r.created_at, r.id)
    from return r where r.order_id = o.id and r.deleted_at is null), '[]') as returns
from "order" o
where o.id = $1 and o.deleted_at is null`

/**
 * Every table and column the statements above read (besides `created_at` and `deleted_at`, read
 * in every table), for the check before first use.
 */
export const COLUMNS_READ: Record<string, string[]> = {
  payment: [
    "id",
    "amount",
    "raw_amount",
    "currency_code",
    "provider_id",
    "data",
    "payment_collection_id",
  ],
  order_payment_collection: ["id", "order_id", "payment_collection_id"],
  refund: ["id", "payment_id", "amount", "raw_amount"],
  capture: ["id", "payment_id", "amount", "raw_amount"],
  order: ["id", "display_id", "currency_code", "version"],
  order_summary: ["id", "order_id", "version", "totals"],
  order_item: [
    "order_id",
    "version",
    "item_id",
    "quantity",
    "raw_quantity",
    "unit_price",
    "raw_unit_price",
  ],
  order_line_item: [
    "id",
    "title",
    "variant_id",
    "product_id",
    "variant_sku",
    "is_tax_inclusive",
    "unit_price",
    "raw_unit_price",
  ],
  order_line_item_tax_line: ["id", "item_id", "rate", "raw_rate", "code"],
  order_line_item_adjustment: [
    "id",
    "item_id",
    "version",
    "amount",
    "raw_amount",
    "is_tax_inclusive",
    "code",
  ],
  order_shipping: ["order_id", "version", "shipping_method_id"],
  order_shipping_method: ["id", "name", "amount", "raw_amount", "is_tax_inclusive"],
  order_shipping_method_tax_line: ["id", "shipping_method_id", "rate", "raw_rate", "code"],
  order_shipping_method_adjustment: [
    "id",
    "shipping_method_id",
    "version",
    "amount",
    "raw_amount",
    "code",
  ],
  return: ["id", "order_id", "display_id", "status", "claim_id", "exchange_id", "received_at"],
  return_item: ["id", "return_id", "item_id", "received_quantity", "raw_received_quantity"],
}
