import { BigNumber, generateEntityId, trimZeros } from "@medusajs/framework/utils"
import { NewLedgerRefund, UnitClaim } from "../../core/ledger"

/**
 * The ledger's rows as the database stores them, for the service's plain SQL writes
 * (service.ts): every refund writes an entry, its units and their claims, and a refund's
 * booking moves its entry on, so these writes are on the path of every refund, where the ORM's
 * unit of work cost several times the statements themselves (integration-tests/bench/
 * refund-overhead.bench.ts). Columns and ids follow the models in ./models and what Medusa's
 * ORM writes for them, so rows written either way read back alike:
 * - a `model.bigNumber()` field is two columns, the number and `raw_<field>` ({ value, precision }),
 *   made as Medusa's BigNumber property makes them (big-number-field.js: `raw.value` trimmed of
 *   trailing zeros, the number column from `numeric`);
 * - ids are the models' prefixes (`lref_`, `lrunit_`, `lrclaim_`), timestamps the writer's clock.
 */

type Row = Record<string, unknown>

/** The two columns of a `model.bigNumber()` field (null for a null value of a nullable one). */
export function bigNumberColumns(field: string, value: string | null | undefined): Row {
  if (value == null) return { [field]: null, [`raw_${field}`]: null }
  const number = new BigNumber(value)
  const raw = number.raw!
  const trimmed = { ...raw, value: trimZeros(String(raw.value)) }
  return { [field]: number.numeric, [`raw_${field}`]: JSON.stringify(trimmed) }
}

const json = (value: unknown) => (value == null ? null : JSON.stringify(value))

/**
 * A `model.array()` column (text[]) as a Postgres array literal: the query builder would spread a
 * JS array into the statement as a list of values.
 */
export function textArray(values: ReadonlyArray<string>): string {
  const quoted = values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)
  return `{${quoted.join(",")}}`
}

export interface LedgerRows {
  refund: Row & { id: string }
  units: Row[]
  claims: Row[]
}

/** The rows of a new entry (in doubt, before the gateway is called), its units and its claims. */
export function ledgerRows(entry: NewLedgerRefund, claims: UnitClaim[], now: Date): LedgerRows {
  const { units, amount, gateway_amount, pending_difference_before, gateway, ...fields } = entry
  const id = generateEntityId(undefined, "lref")
  const stamps = { created_at: now, updated_at: now, deleted_at: null }
  return {
    refund: {
      id,
      ...fields,
      return_ids: textArray(fields.return_ids),
      doubt_reason: fields.doubt_reason ?? null,
      failure_reason: fields.failure_reason ?? null,
      ...bigNumberColumns("amount", amount),
      ...bigNumberColumns("gateway_amount", gateway_amount),
      ...bigNumberColumns("pending_difference_before", pending_difference_before),
      gateway: json(gateway),
      status_changed_at: now,
      checked_at: null,
      ...stamps,
    },
    units: units.map(({ amount, amount_exact, ...unit }) => ({
      id: generateEntityId(undefined, "lrunit"),
      line_refund_id: id,
      ...unit,
      ...bigNumberColumns("amount", amount),
      ...bigNumberColumns("amount_exact", amount_exact),
      ...stamps,
    })),
    claims: claims.map((claim) => ({
      id: generateEntityId(undefined, "lrclaim"),
      line_refund_id: id,
      ...claim,
      ...stamps,
    })),
  }
}

/** What may change on an entry, as the columns it changes. */
export type LedgerPatchFields = Partial<{
  refund_id: string | null
  status: string
  gateway_amount: string | null
  gateway_reference: string | null
  failure_reason: string | null
  doubt_reason: string | null
  gateway: Record<string, unknown> | null
  currency_code: string
}>

/** The columns a patch sets (its big numbers as both columns, its JSON as JSON), and `updated_at`. */
export function patchColumns(patch: LedgerPatchFields, now: Date): Row {
  const { gateway_amount, gateway, ...plain } = patch
  const columns: Row = { ...plain, updated_at: now }
  for (const key of Object.keys(columns)) if (columns[key] === undefined) delete columns[key]
  if ("gateway_amount" in patch)
    Object.assign(columns, bigNumberColumns("gateway_amount", gateway_amount))
  if ("gateway" in patch) columns.gateway = json(gateway)
  return columns
}
