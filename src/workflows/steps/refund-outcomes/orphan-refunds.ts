import { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { withinMinorUnits } from "../../../core/money"
import { RefundOutcomeContext } from "./load-refund-outcome-context"

type Entry = RefundOutcomeContext["entries"][number]
type MedusaRefund = RefundOutcomeContext["medusa_refunds"][number]

/**
 * Medusa writes its Refund row in a transaction of its own before it calls the provider
 * (`refundPayment` in @medusajs/payment's payment-module.js): a process that dies during the
 * gateway call leaves that row behind, with no order transaction and no ledger entry pointing at
 * it. Such a row, for the amount of a refund in doubt and made after it, is that refund's own
 * half-made booking, not a refund made outside the plugin.
 */
export function isOrphanOf(entry: Entry, refund: MedusaRefund, currencyCode: string): boolean {
  return (
    entry.status === "in_doubt" &&
    withinMinorUnits(entry.amount, refund.amount, currencyCode, 1) &&
    refund.created_at >= entry.created_at
  )
}

/**
 * Removes the half-made Refund rows of a refund in doubt before it is booked: Medusa counts them
 * against what is left to refund, so booking the refund the gateway did make would be refused as
 * more than was captured (integration-tests/deployment: a server killed mid-refund). Only rows no
 * order transaction refers to: such a row never reached the order's books. Resolves to the ids
 * removed.
 */
export async function removeOrphanRefunds(
  container: MedusaContainer,
  context: RefundOutcomeContext,
  entry: Entry,
): Promise<string[]> {
  const booked = new Set(context.entries.map((e) => e.refund_id).filter(Boolean))
  const candidates = context.medusa_refunds.filter(
    (refund) => !booked.has(refund.id) && isOrphanOf(entry, refund, context.currency_code),
  )
  if (!candidates.length) return []
  const orders = container.resolve(Modules.ORDER)
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const removed: string[] = []
  for (const refund of candidates) {
    const transactions = await orders.listOrderTransactions(
      { reference: "refund", reference_id: refund.id },
      { select: ["id"] },
    )
    if (transactions.length) continue
    await payments.deleteRefunds([refund.id])
    removed.push(refund.id)
  }
  if (removed.length) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(
        `line-refunds: removed Medusa's unfinished refund row(s) ${removed.join(", ")} of the refund in doubt ${entry.id} (payment ${context.payment_id}), left by a process that stopped during the gateway call, before booking the refund the gateway made`,
      )
  }
  return removed
}
