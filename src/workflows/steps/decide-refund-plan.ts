import { ContainerRegistrationKeys, generateEntityId } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { planForRequest, RefundContext, RefundRequest } from "../../core/refund-plan"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../modules/line-refunds"

/** Turns a refund request into a stored-plan-to-be, under the store's duplicate-refund policy. */
export const decideRefundPlanStep = createStep(
  "line-refunds-decide-refund-plan",
  async (input: { context: RefundContext; request: RefundRequest }, { container }) => {
    const { options } = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
    const decision = planForRequest(input.context, input.request, {
      duplicateRefundWindowSeconds: options.duplicateRefundWindowSeconds,
      now: new Date(),
      newPlanId: () => generateEntityId(undefined, "lrplan"),
      onPlanError: (error) =>
        container
          .resolve(ContainerRegistrationKeys.LOGGER)
          .warn(
            `line-refunds: refunding payment ${input.context.payment.id} by amount only; its received returns could not be planned: ${error.message}`,
          ),
    })
    return new StepResponse(decision)
  },
)
