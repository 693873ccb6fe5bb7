import { Context, DAL } from "@medusajs/framework/types"
import { Knex } from "@medusajs/framework/mikro-orm/knex"
import { InjectManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { LedgerRefund, LedgerStatus, NewLedgerRefund, unitClaims } from "../../core/ledger"
import { ledgerRows, patchColumns } from "./ledger-sql"
import { toLedgerRefund } from "./ledger-rows"
import { LineRefund, LineRefundClaim, LineRefundUnit } from "./models"
import { LineRefundsOptions, parseLineRefundsOptions } from "./options"

/** What may change on an entry after it was written. */
export type LedgerRefundPatch = Partial<
  Pick<
    LedgerRefund,
    | "refund_id"
    | "status"
    | "gateway_amount"
    | "gateway_reference"
    | "failure_reason"
    | "doubt_reason"
    | "gateway"
    | "currency_code"
  >
>

const RELEASED: ReadonlySet<LedgerStatus> = new Set(["failed", "released"])

/** The ORM entity manager of the transaction Medusa opened for a service method. */
interface SqlManager {
  getKnex(): Knex
  execute(query: Knex.QueryBuilder): Promise<unknown>
}

/** The manager of the transaction Medusa opened (writes), else the one it handed a read. */
function sqlOf(sharedContext: Context): SqlManager {
  return (sharedContext.transactionManager ?? sharedContext.manager) as SqlManager
}

type Row = Record<string, any>

/**
 * The plugin's own module: the store's options, and the ledger of truth of what was refunded
 * (tables `line_refund`, `line_refund_unit`, `line_refund_claim`). Routes, workflows, subscribers
 * and the job resolve it from the container by `LINE_REFUNDS_MODULE`.
 */
export default class LineRefundsModuleService extends MedusaService({
  LineRefund,
  LineRefundUnit,
  LineRefundClaim,
}) {
  readonly options: LineRefundsOptions
  protected readonly baseRepository_: DAL.RepositoryService

  constructor(container: { baseRepository: DAL.RepositoryService }, options?: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...(arguments as unknown as [Record<string, unknown>]))
    this.baseRepository_ = container.baseRepository
    this.options = parseLineRefundsOptions(options)
  }

  /**
   * The ledger of an order, or of one payment, oldest first. Read in plain SQL (ledger-sql.ts
   * says why): the entries, then their units, mapped by ledger-rows.ts as the ORM's rows were.
   */
  @InjectManager()
  async ledgerOf(
    filter: {
      order_id?: string | string[]
      payment_id?: string | string[]
      id?: string | string[]
    },
    @MedusaContext() sharedContext: Context = {},
  ): Promise<LedgerRefund[]> {
    const db = sqlOf(sharedContext)
    const knex = db.getKnex()
    const entries = knex("line_refund").select("*").whereNull("deleted_at")
    for (const [column, value] of Object.entries(filter)) {
      if (value === undefined) continue
      if (Array.isArray(value)) entries.whereIn(column, value)
      else entries.where(column, value)
    }
    const rows = (await db.execute(entries.orderBy(["created_at", "id"]))) as Row[]
    if (!rows.length) return []
    const units = (await db.execute(
      knex("line_refund_unit")
        .select("*")
        .whereIn(
          "line_refund_id",
          rows.map((row) => row.id),
        )
        .whereNull("deleted_at"),
    )) as Row[]
    const unitsOf = new Map<string, Row[]>()
    for (const unit of units) {
      const ofEntry = unitsOf.get(unit.line_refund_id)
      if (ofEntry) ofEntry.push(unit)
      else unitsOf.set(unit.line_refund_id, [unit])
    }
    return rows.map((row) => toLedgerRefund({ ...row, units: unitsOf.get(row.id) ?? [] }))
  }

  /** The Medusa refunds of a payment that have a ledger entry (one plain statement). */
  @InjectManager()
  async recordedRefundIds(
    paymentId: string,
    @MedusaContext() sharedContext: Context = {},
  ): Promise<Set<string>> {
    const db = sqlOf(sharedContext)
    const rows = (await db.execute(
      db
        .getKnex()("line_refund")
        .select("refund_id")
        .where("payment_id", paymentId)
        .whereNotNull("refund_id")
        .whereNull("deleted_at"),
    )) as Array<{ refund_id: string }>
    return new Set(rows.map((row) => row.refund_id))
  }

  /**
   * Writes a refund, its units and the claims on those units in one statement, before the
   * gateway is called. The database refuses a second live entry for the same logical refund on a
   * payment, and a unit that another live refund holds: the refund is then refused, nothing sent.
   */
  async recordRefund(
    entry: NewLedgerRefund,
    orderedQuantity: (lineItemId: string) => number,
  ): Promise<LedgerRefund> {
    const { id } = await this.writeRefund(entry, orderedQuantity)
    return this.entry(id)
  }

  /**
   * recordRefund without reading the entry back: what the refund workflow uses, since it knows
   * what it wrote (src/workflows/steps/claim-refund.ts). Same statement, same refusals.
   */
  async writeRefund(
    entry: NewLedgerRefund,
    orderedQuantity: (lineItemId: string) => number,
  ): Promise<{ id: string }> {
    try {
      return { id: await this.recordRefund_(entry, orderedQuantity) }
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "Another refund of these units, or the same refund, was started a moment ago on this payment. Nothing was refunded now; reload the order to see it.",
      )
    }
  }

  async entry(id: string): Promise<LedgerRefund> {
    const [found] = await this.ledgerOf({ id })
    if (!found)
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Ledger entry ${id} was not found`)
    return found
  }

  /**
   * The entry, its units and their claims in plain SQL (ledger-sql.ts says why): one read of the
   * claims held now, to choose the unit numbers, then one statement that inserts all three (a
   * statement is all or nothing, so no transaction is opened around it). The database's unique
   * index on (target, unit number) refuses a number another refund took meanwhile.
   */
  @InjectManager()
  protected async recordRefund_(
    entry: NewLedgerRefund,
    orderedQuantity: (lineItemId: string) => number,
    @MedusaContext() sharedContext: Context = {},
  ): Promise<string> {
    const db = sqlOf(sharedContext)
    const knex = db.getKnex()
    const targets = entry.units
      .map((u) => (u.kind === "shipping" ? u.shipping_method_id : u.line_item_id))
      .filter((t): t is string => !!t)
    const held = targets.length
      ? ((await db.execute(
          knex("line_refund_claim")
            .select("target_id", "unit_number")
            .whereIn("target_id", targets)
            .whereNull("deleted_at"),
        )) as Array<{ target_id: string; unit_number: number }>)
      : []
    const rows = ledgerRows(entry, unitClaims(entry.units, held, orderedQuantity), new Date())
    let insert = knex.with("refund", knex("line_refund").insert(rows.refund).returning("id"))
    if (rows.units.length)
      insert = insert.with("units", knex("line_refund_unit").insert(rows.units))
    if (rows.claims.length) {
      insert = insert.with("claims", knex("line_refund_claim").insert(rows.claims))
    }
    await db.execute(insert.select("id").from("refund"))
    return rows.refund.id
  }

  /**
   * Moves an entry on. Failed and released entries give their units back (their claims go), so
   * the order owes them again and they can be refunded anew; their unit groups stay for staff.
   */
  async updateEntry(id: string, patch: LedgerRefundPatch): Promise<LedgerRefund> {
    await this.updateEntry_(id, patch)
    return this.entry(id)
  }

  /** updateEntry without reading the entry back: the refund workflow knows what it wrote. */
  async moveEntry(id: string, patch: LedgerRefundPatch): Promise<void> {
    await this.updateEntry_(id, patch)
  }

  /**
   * One statement (ledger-sql.ts says why): `status_changed_at` moves only when the status does,
   * decided by the database on the row itself, so no read comes first; a failed or released
   * entry's claims go in the same statement, so no transaction is opened around it.
   */
  @InjectManager()
  protected async updateEntry_(
    id: string,
    patch: LedgerRefundPatch,
    @MedusaContext() sharedContext: Context = {},
  ): Promise<void> {
    const db = sqlOf(sharedContext)
    const knex = db.getKnex()
    const now = new Date()
    const columns = patchColumns(patch, now)
    if (patch.status) {
      columns.status_changed_at = knex.raw(
        "case when status is distinct from ? then ?::timestamptz else status_changed_at end",
        [patch.status, now],
      )
    }
    let update = knex.with(
      "moved",
      knex("line_refund").update(columns).where({ id }).whereNull("deleted_at").returning("id"),
    )
    // Failed and released entries give their units back: their claims go.
    if (patch.status && RELEASED.has(patch.status)) {
      update = update.with(
        "released",
        knex("line_refund_claim")
          .whereIn("line_refund_id", knex.select("id").from("moved"))
          .delete(),
      )
    }
    const updated = (await db.execute(update.select("id").from("moved"))) as unknown[]
    if (!updated.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Ledger entry ${id} was not found`)
    }
  }

  /**
   * Removes an entry whose refund never reached the gateway (a definite failure). Its units and
   * claims go with it (the tables' foreign keys cascade).
   */
  async removeEntry(id: string): Promise<void> {
    await this.deleteLineRefunds([id])
  }

  /** Notes that the reconciliation job asked the gateway about these entries. */
  async markChecked(ids: string[]): Promise<void> {
    if (!ids.length) return
    await this.updateLineRefunds(ids.map((id) => ({ id, checked_at: new Date() })) as never)
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null
  if (e?.code === "23505") return true
  return MedusaError.isMedusaError(error) && /already exists/.test(e?.message ?? "")
}
