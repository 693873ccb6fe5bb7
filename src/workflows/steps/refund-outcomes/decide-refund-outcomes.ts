import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { decideRefundOutcomes, RefundUpdatedEvent } from "../../../core/refund-outcomes"
import { RefundOutcomeContext } from "./load-refund-outcome-context"

/** The actions a gateway's report calls for; warnings go to the log for staff. */
export const decideRefundOutcomesStep = createStep(
  "line-refunds-decide-refund-outcomes",
  async (input: { context: RefundOutcomeContext; event: RefundUpdatedEvent }, { container }) => {
    const actions = decideRefundOutcomes({
      entries: input.context.entries,
      plans: input.context.state.plans,
      payment_id: input.context.payment_id,
      currency_code: input.context.currency_code,
      event: input.event,
      medusa_refunds: input.context.medusa_refunds,
      now: new Date(),
    })
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    for (const action of actions) {
      if (action.type === "warn") {
        logger.warn(`line-refunds: payment ${input.context.payment_id}: ${action.message}`)
      }
    }
    return new StepResponse(actions)
  },
)
