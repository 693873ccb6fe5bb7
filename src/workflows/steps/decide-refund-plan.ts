import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, generateEntityId } from "@medusajs/framework/utils"
import { PlanDecision, planForRequest, RefundContext, RefundRequest } from "../../core/refund-plan"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../modules/line-refunds"

/** Turns a refund request into a stored-plan-to-be, under the store's duplicate-refund policy. */
export function decideRefundPlan(
  container: MedusaContainer,
  context: RefundContext,
  request: RefundRequest,
): PlanDecision {
  const { options } = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
  return planForRequest(context, request, {
    duplicateRefundWindowSeconds: options.duplicateRefundWindowSeconds,
    now: new Date(),
    newPlanId: () => generateEntityId(undefined, "lrplan"),
    onPlanError: (error) =>
      container
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          `line-refunds: refunding payment ${context.payment.id} by amount only; its received returns could not be planned: ${error.message}`,
        ),
  })
}
