import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, MedusaError, PaymentEvents } from "@medusajs/framework/utils"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../modules/line-refunds"
import { recordExternalRefundsWorkflow } from "../workflows/record-external-refunds"

/**
 * After any refund of a payment (`payment.refunded`), refunds Medusa made without the plugin (an
 * order cancellation, say) get their ledger entry, so no refund is missing from the record of
 * what was refunded. The plugin's own refunds already have theirs: this finds nothing to do.
 */
export default async function recordExternalRefunds({
  event,
  container,
}: SubscriberArgs<{ id: string }>) {
  const { options } = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
  try {
    const { result } = await recordExternalRefundsWorkflow(container).run({
      input: { payment_id: event.data.id, lock_timeout_seconds: options.lockTimeoutSeconds },
    })
    if (result.length) {
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .info(
          `line-refunds: recorded ${result.length} refund(s) made outside the plugin on payment ${event.data.id}`,
        )
    }
  } catch (error) {
    // a payment with no order yet (a cart's compensation): there is no order ledger to write
    const notAnOrder =
      MedusaError.isMedusaError(error) &&
      (error as MedusaError).type === MedusaError.Types.NOT_ALLOWED
    if (notAnOrder) return
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .error(
        `line-refunds: refunds of payment ${event.data.id} made outside the plugin were not recorded: ${(error as Error).message}`,
      )
  }
}

export const config: SubscriberConfig = {
  event: PaymentEvents.REFUNDED,
  context: { subscriberId: "line-refunds-record-external-refunds" },
}
