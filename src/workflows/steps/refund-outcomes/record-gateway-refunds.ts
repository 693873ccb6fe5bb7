import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { gatewayRefundPlan, RefundOutcomeAction } from "../../../core/refund-outcomes"
import { recordGatewayRefundWorkflow } from "../../record-gateway-refund"
import { loadRefundOutcomeContext } from "./load-refund-outcome-context"

/**
 * Records in Medusa each refund the gateway made that we had no record of. The plan for each is
 * built from the payment's state as it is at that moment (after failures were undone, after the
 * previous recording), so ledgers and the order's balance are current. A refund Medusa refuses is
 * logged and skipped; the others are still recorded.
 */
export const recordGatewayRefundsStep = createStep(
  "line-refunds-record-gateway-refunds",
  async (
    input: { payment_id: string; provider: string; actions: RefundOutcomeAction[] },
    { container },
  ) => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const recorded: string[] = []
    for (const action of input.actions) {
      if (action.type !== "record_gateway_refund") continue
      const context = await loadRefundOutcomeContext(container, input.payment_id)
      const recording = gatewayRefundPlan({
        state: context.state,
        report: action.report,
        matched_plan_id: action.plan_id,
        provider: input.provider,
        payment: { id: context.payment_id, currency_code: context.currency_code },
        order: { id: context.order_id, pending_difference: context.pending_difference },
        now: new Date(),
      })
      for (const warning of recording.warnings) {
        logger.warn(`line-refunds: payment ${input.payment_id}: ${warning}`)
      }
      const { errors } = await recordGatewayRefundWorkflow(container).run({
        input: {
          payment_id: input.payment_id,
          state: context.state,
          plan: recording.plan,
          amount: recording.amount,
          note: recording.note,
        },
        throwOnError: false,
      })
      const reference = action.report.gateway_reference
      if (errors?.length) {
        logger.error(
          `line-refunds: ${input.provider} refund ${reference} (${action.report.amount} ${context.currency_code.toUpperCase()}) could not be recorded on payment ${input.payment_id} of order ${context.order_id}: ${errors.map((e) => e.error?.message ?? String(e.error)).join("; ")}`,
        )
        continue
      }
      recorded.push(reference)
      logger.info(
        `line-refunds: recorded ${input.provider} refund ${reference} (${recording.amount} ${context.currency_code.toUpperCase()}) on payment ${input.payment_id}: ${recording.note}`,
      )
    }
    return new StepResponse(recorded)
  },
)
