import { Knex } from "@medusajs/framework/mikro-orm/knex"
import { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COLUMNS_READ, sqlRefundInputsReader } from "./read-by-sql"
import { queryRefundInputsReader } from "./read-by-query"
import { RefundInputsReader } from "./rows"

const EVERY_TABLE = ["created_at", "deleted_at"]

/** Per database connection: the columns the plain SQL reads need that the database lacks. */
const missingByConnection = new WeakMap<object, Promise<string[]>>()

async function missingColumns(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw(
    `select table_name, column_name from information_schema.columns
     where table_schema = current_schema() and table_name = any(?)`,
    [Object.keys(COLUMNS_READ)],
  )
  const present = new Set(
    (rows as Array<{ table_name: string; column_name: string }>).map(
      (r) => `${r.table_name}.${r.column_name}`,
    ),
  )
  return Object.entries(COLUMNS_READ)
    .flatMap(([table, columns]) => [...columns, ...EVERY_TABLE].map((c) => `${table}.${c}`))
    .filter((column) => !present.has(column))
}

/**
 * How a refund reads its inputs: in plain SQL (read-by-sql.ts) when the database has Medusa
 * 2.21.2's order and payment tables as that reader knows them, checked once per connection;
 * through Query otherwise (a Medusa upgrade that moved a column), said once in the log, so a
 * changed schema makes refunds slower, never wrong.
 */
export async function refundInputsReader(container: MedusaContainer): Promise<RefundInputsReader> {
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  let missing = missingByConnection.get(knex)
  if (!missing) {
    missing = missingColumns(knex).then((columns) => {
      if (columns.length) {
        container
          .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
          .warn(
            `line-refunds: this database lacks columns the plugin reads orders by (${columns.join(", ")}); ` +
              `refunds read orders through Medusa's Query instead, which is correct but slower. ` +
              `The plugin was written for Medusa 2.21.2: install the plugin version made for yours.`,
          )
      }
      return columns
    })
    // a failed check is not remembered: the next refund checks again
    missing.catch(() => missingByConnection.delete(knex))
    missingByConnection.set(knex, missing)
  }
  return (await missing).length ? queryRefundInputsReader(container) : sqlRefundInputsReader(knex)
}
