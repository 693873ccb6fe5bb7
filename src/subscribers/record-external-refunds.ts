import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, MedusaError, PaymentEvents } from "@medusajs/framework/utils"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../modules/line-refunds"
import { recordExternalRefundsWorkflow } from "../workflows/record-external-refunds"
import { refundInputsReader } from "../workflows/utils/refund-inputs/order-tables"

/**
 * After any refund of a payment (`payment.refunded`), refunds Medusa made without the plugin (an
 * order cancellation, say) get their ledger entry, so no refund is missing from the record of
 * what was refunded. The plugin's own refunds already have theirs: a quick look finds nothing to
 * do, and the payment's lock is taken only when something is missing.
 */
export default async function recordExternalRefunds({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const ledger = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  try {
    if (!(await hasUnbookedRefunds(container, ledger, event.data.id))) return
    const { result } = await recordExternalRefundsWorkflow(container).run({
      input: { payment_id: event.data.id, lock_timeout_seconds: ledger.options.lockTimeoutSeconds },
    })
    if (result.length) {
      logger.info(
        `line-refunds: recorded ${result.length} refund(s) made outside the plugin on payment ${event.data.id}`,
      )
    }
  } catch (error) {
    // a payment with no order (a cart's compensation), or gone: there is no order ledger to write
    const nothingToRecord =
      MedusaError.isMedusaError(error) &&
      [MedusaError.Types.NOT_ALLOWED, MedusaError.Types.NOT_FOUND].includes(
        (error as MedusaError).type as never,
      )
    if (nothingToRecord) return
    logger.warn(
      `line-refunds: refunds of payment ${event.data.id} made outside the plugin were not recorded yet (${(error as Error).message}); they are recorded with the payment's next refund or gateway report`,
    )
  }
}

/**
 * True when one of the payment's Medusa refunds has no ledger entry (checked again under lock).
 * Two plain statements: this runs after every refund, the plugin's own ones included.
 */
async function hasUnbookedRefunds(
  container: SubscriberArgs<unknown>["container"],
  ledger: LineRefundsModuleService,
  paymentId: string,
): Promise<boolean> {
  const payment = await (await refundInputsReader(container)).payment(paymentId)
  const refunds = payment?.refunds ?? []
  if (!refunds.length) return false
  const recorded = await ledger.recordedRefundIds(paymentId)
  return refunds.some((refund) => !recorded.has(refund.id))
}

export const config: SubscriberConfig = {
  event: PaymentEvents.REFUNDED,
  context: { subscriberId: "line-refunds-record-external-refunds" },
}
