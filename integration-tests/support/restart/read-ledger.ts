import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { prepareRefundPlanWorkflow } from "../../../src/workflows/prepare-refund-plan"

/**
 * Run by `medusa exec` in a fresh process against a test's database (ledger.spec.ts): what a
 * Medusa server started anew knows of an order's refunds, read from the ledger through Query,
 * and what it decides when the same return is refunded again. Prints one RESULT line.
 */
export default async function readLedgerAfterRestart({ container, args }: ExecArgs) {
  const [orderId, paymentId, returnId] = args
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [order],
  } = await query.graph({
    entity: "order",
    fields: ["id", "line_refund.status", "line_refund.amount", "line_refund.units.quantity"],
    filters: { id: orderId },
  })
  const again = await prepareRefundPlanWorkflow(container)
    .run({
      input: {
        payment_id: paymentId,
        request: { kind: "return", return_id: returnId, source: "return_refund" },
      },
    })
    .then(() => "planned again")
    .catch((error: Error) => error.message)
  const entries = ((order as any)?.line_refund ?? []).map((e: any) => ({
    status: e.status,
    amount: Number(e.amount),
    units: (e.units ?? []).reduce((sum: number, u: any) => sum + Number(u.quantity), 0),
  }))
  console.log(`RESULT ${JSON.stringify({ pid: process.pid, entries, again })}`)
}
