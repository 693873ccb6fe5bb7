import { Context, DAL } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { LedgerRefund, LedgerStatus, NewLedgerRefund, unitClaims } from "../../core/ledger"
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

  /** The ledger of an order, or of one payment, oldest first. */
  @InjectManager()
  async ledgerOf(
    filter: {
      order_id?: string | string[]
      payment_id?: string | string[]
      id?: string | string[]
    },
    @MedusaContext() sharedContext: Context = {},
  ): Promise<LedgerRefund[]> {
    const rows = await this.listLineRefunds(
      filter,
      { relations: ["units"], order: { created_at: "ASC", id: "ASC" } },
      sharedContext,
    )
    return rows.map((row) => toLedgerRefund(row as never))
  }

  /**
   * Writes a refund, its units and the claims on those units in one transaction, before the
   * gateway is called. The database refuses a second live entry for the same logical refund on a
   * payment, and a unit that another live refund holds: the refund is then refused, nothing sent.
   */
  async recordRefund(
    entry: NewLedgerRefund,
    orderedQuantity: (lineItemId: string) => number,
  ): Promise<LedgerRefund> {
    let id: string
    try {
      id = await this.recordRefund_(entry, orderedQuantity)
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "Another refund of these units, or the same refund, was started a moment ago on this payment. Nothing was refunded now; reload the order to see it.",
      )
    }
    // read after the transaction: inside it, the entity cache would hide the new units
    return this.entry(id)
  }

  async entry(id: string): Promise<LedgerRefund> {
    const [found] = await this.ledgerOf({ id })
    if (!found)
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Ledger entry ${id} was not found`)
    return found
  }

  @InjectTransactionManager()
  protected async recordRefund_(
    entry: NewLedgerRefund,
    orderedQuantity: (lineItemId: string) => number,
    @MedusaContext() sharedContext: Context = {},
  ): Promise<string> {
    const { units, ...fields } = entry
    const [row] = await this.createLineRefunds(
      [{ ...fields, status_changed_at: new Date() } as never],
      sharedContext,
    )
    if (units.length) {
      await this.createLineRefundUnits(
        units.map((unit) => ({ ...unit, line_refund_id: row.id })) as never,
        sharedContext,
      )
      const targets = units.map((u) =>
        u.kind === "shipping" ? u.shipping_method_id : u.line_item_id,
      )
      const held = await this.listLineRefundClaims(
        { target_id: targets.filter((t): t is string => !!t) },
        { select: ["target_id", "unit_number"] },
        sharedContext,
      )
      const claims = unitClaims(units, held as never, orderedQuantity)
      await this.createLineRefundClaims(
        claims.map((claim) => ({ ...claim, line_refund_id: row.id })) as never,
        sharedContext,
      )
    }
    return row.id
  }

  /**
   * Moves an entry on. Failed and released entries give their units back (their claims go), so
   * the order owes them again and they can be refunded anew; their unit groups stay for staff.
   */
  async updateEntry(id: string, patch: LedgerRefundPatch): Promise<LedgerRefund> {
    await this.updateEntry_(id, patch)
    return this.entry(id)
  }

  @InjectTransactionManager()
  protected async updateEntry_(
    id: string,
    patch: LedgerRefundPatch,
    @MedusaContext() sharedContext: Context = {},
  ): Promise<void> {
    const [current] = await this.listLineRefunds(
      { id },
      { select: ["id", "status"] },
      sharedContext,
    )
    if (!current) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Ledger entry ${id} was not found`)
    }
    const statusChanged = patch.status && patch.status !== current.status
    await this.updateLineRefunds(
      { id, ...patch, ...(statusChanged ? { status_changed_at: new Date() } : {}) } as never,
      sharedContext,
    )
    if (patch.status && RELEASED.has(patch.status)) await this.releaseClaims(id, sharedContext)
  }

  /** Deletes an entry's claims: its units may be refunded by another refund. */
  protected async releaseClaims(id: string, sharedContext: Context): Promise<void> {
    const claims = await this.listLineRefundClaims(
      { line_refund_id: id },
      { select: ["id"] },
      sharedContext,
    )
    if (claims.length) {
      await this.deleteLineRefundClaims(
        claims.map((c) => c.id),
        sharedContext,
      )
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
