import { createHash } from "node:crypto"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/**
 * The state that matters, row by row: Medusa's refunds, captures, payments (their data), payment
 * sessions and collections, orders, their summaries, transactions, returns and changes, carts,
 * and the plugin's ledger (entries, units, claims). `updated_at` and the reconciliation job's
 * `checked_at` are left out: a write that changes nothing else is not a change of state.
 */
const TABLES = [
  "refund",
  "capture",
  "payment",
  "payment_session",
  "payment_collection",
  "order",
  "order_summary",
  "order_transaction",
  "order_item",
  "order_change",
  "return",
  "return_item",
  "cart",
  "line_refund",
  "line_refund_unit",
  "line_refund_claim",
] as const
const IGNORED_COLUMNS = new Set(["updated_at", "checked_at"])

/** key (`table:id`, `sandbox:<order>`) → the row as kept (JSON) */
export type Digest = Map<string, string>

const hash = (value: unknown) =>
  createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16)

export async function databaseDigest(container: MedusaContainer): Promise<Digest> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
  const present = new Set(
    (
      await knex("information_schema.tables")
        .select("table_name")
        .where({ table_schema: "public" })
        .whereIn("table_name", TABLES as unknown as string[])
    ).map((r: { table_name: string }) => r.table_name),
  )
  const missing = ["refund", "payment", "line_refund"].filter((t) => !present.has(t))
  if (missing.length) throw new Error(`digest: tables ${missing.join(", ")} not found`)
  const digest: Digest = new Map()
  for (const table of TABLES) {
    if (!present.has(table)) continue
    const rows: Array<Record<string, unknown>> = await knex(table).select("*")
    for (const row of rows) {
      const kept = Object.fromEntries(
        Object.entries(row)
          .filter(([column]) => !IGNORED_COLUMNS.has(column))
          .sort(([a], [b]) => a.localeCompare(b)),
      )
      digest.set(`${table}:${String(row.id ?? hash(kept))}`, JSON.stringify(kept))
    }
  }
  return digest
}

/** Adds what a sandbox holds (the refunds it made, per order) to a digest. */
export function addSandboxState(digest: Digest, entries: Record<string, unknown>): Digest {
  for (const [key, value] of Object.entries(entries)) {
    digest.set(`sandbox:${key}`, JSON.stringify(value))
  }
  return digest
}

/** Every leaf of a JSON value by path (`data.line_refunds.plans.p1.status`). */
function leaves(value: unknown, path: string, into: Map<string, string>): Map<string, string> {
  if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      leaves(child, path ? `${path}.${key}` : key, into)
    }
    if (!Object.keys(value).length) into.set(path, JSON.stringify(value))
  } else {
    let parsed: unknown = undefined
    if (typeof value === "string" && /^[[{]/.test(value)) {
      try {
        parsed = JSON.parse(value)
      } catch {
        parsed = undefined
      }
    }
    if (parsed !== undefined) leaves(parsed, path, into)
    else into.set(path, JSON.stringify(value))
  }
  return into
}

/** What changed in one row: the paths whose values differ, before → after (cut short). */
export function describeChange(key: string, before: Digest, after: Digest): string {
  const was = before.get(key)
  const is = after.get(key)
  if (was === undefined) return `${key} added: ${is?.slice(0, 400)}`
  if (is === undefined) return `${key} removed`
  const a = leaves(JSON.parse(was), "", new Map())
  const b = leaves(JSON.parse(is), "", new Map())
  const paths = [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p))
  return `${key}: ${paths
    .slice(0, 8)
    .map(
      (p) => `${p} ${a.get(p)?.slice(0, 120) ?? "(none)"} → ${b.get(p)?.slice(0, 120) ?? "(none)"}`,
    )
    .join("; ")}`
}

/** The keys added, removed or changed between two digests. */
export function changedKeys(before: Digest, after: Digest): string[] {
  const keys = new Set([...before.keys(), ...after.keys()])
  return [...keys].filter((key) => before.get(key) !== after.get(key)).sort()
}
