import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { loadRefundInputs } from "../../src/workflows/steps/load-refund-context"
import { queryRefundInputsReader } from "../../src/workflows/utils/refund-inputs/read-by-query"
import { sqlRefundInputsReader } from "../../src/workflows/utils/refund-inputs/read-by-sql"

/**
 * After every test of a suite: every payment of every order in the database has the same refund
 * inputs read in plain SQL (what refunds use) as read through Medusa's Query (the reader the SQL
 * replaced, src/workflows/utils/refund-inputs/read-by-sql.ts). The suites make orders of every
 * kind the plugin meets (taxes in and out of prices, promotions, several currencies, edits,
 * returns received in parts, claims, exchanges, refunds of every status), so this is where a
 * difference in Medusa's rules shows. Call it at the top of a `medusaIntegrationTestRunner` suite.
 */
export function checkRefundInputsAfterEachTest(getContainer: () => MedusaContainer) {
  afterEach(async () => {
    const container = getContainer()
    const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
    const { rows } = await knex.raw(
      `select p.id from payment p
       join order_payment_collection l
         on l.payment_collection_id = p.payment_collection_id and l.deleted_at is null
       where p.deleted_at is null order by p.id`,
    )
    const sql = sqlRefundInputsReader(knex)
    const query = queryRefundInputsReader(container)
    for (const { id } of rows as Array<{ id: string }>) {
      const [bySql, byQuery] = await Promise.all([
        loadRefundInputs(container, id, sql),
        loadRefundInputs(container, id, query),
      ])
      // Query hands refunds back in no particular order
      byQuery.refund_ids.sort()
      bySql.refund_ids.sort()
      expect({ payment: id, ...bySql }).toEqual({ payment: id, ...byQuery })
    }
  })
}
