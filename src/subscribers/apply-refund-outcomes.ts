import { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { parseRefundUpdatedEvent, REFUND_UPDATED_EVENT } from "../core/refund-outcomes"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../modules/line-refunds"
import { applyRefundOutcomesWorkflow } from "../workflows/apply-refund-outcomes"

/**
 * Applies what a gateway reports about a payment's refunds (from a webhook or the reconciliation
 * job) to the order. Errors are logged, never thrown: the local event bus does not retry, and a
 * refund left pending is looked at again by the reconciliation job.
 */
export default async function applyRefundOutcomes({ event, container }: SubscriberArgs<unknown>) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  let report
  try {
    report = parseRefundUpdatedEvent(event.data)
  } catch (error) {
    logger.error(`line-refunds: ${(error as Error).message}; nothing changed`)
    return
  }
  const { options } = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
  try {
    const { result } = await applyRefundOutcomesWorkflow(container).run({
      input: { event: report, lock_timeout_seconds: options.lockTimeoutSeconds },
    })
    const changes = result.actions.filter((action) => action.type !== "warn").length
    if (changes) {
      logger.info(
        `line-refunds: applied ${changes} refund outcome(s) reported by ${report.provider} (${report.source}) to payment ${result.payment_id}`,
      )
    }
  } catch (error) {
    logger.error(
      `line-refunds: refunds reported by ${report.provider} (${report.source}) for payment session ${report.session_id} were not applied: ${(error as Error).message}`,
    )
  }
}

export const config: SubscriberConfig = {
  event: REFUND_UPDATED_EVENT,
  context: { subscriberId: "line-refunds-apply-refund-outcomes" },
}
