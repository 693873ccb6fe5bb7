import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RefundOutcomeAction, SettleRefundAction } from "../../../core/refund-outcomes"
import { undoFailedRefundWorkflow } from "../../undo-failed-refund"
import { RefundOutcomeContext } from "./load-refund-outcome-context"
import { markRefundSettled } from "./mark-refund-settled"

/**
 * Settles the refunds the gateway decided: a success only updates the record; a failure is
 * undone in Medusa first (undoFailedRefundWorkflow). One at a time, in the report's order.
 */
export const settleRefundOutcomesStep = createStep(
  "line-refunds-settle-refund-outcomes",
  async (
    input: { context: RefundOutcomeContext; actions: RefundOutcomeAction[] },
    { container },
  ) => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const { context } = input
    const settled: string[] = []
    for (const action of input.actions) {
      if (action.type !== "settle") continue
      const record = context.state.refunds[action.refund_id]
      if (action.status === "succeeded") {
        if (await markRefundSettled(container, { payment_id: context.payment_id, action })) {
          settled.push(action.refund_id)
        }
        continue
      }
      await undoFailedRefundWorkflow(container).run({
        input: {
          payment_id: context.payment_id,
          payment_collection_id: context.payment_collection_id,
          order_id: context.order_id,
          action: action as SettleRefundAction,
          amount: record.amount,
          pending_difference_before: record.pending_difference_before,
        },
      })
      settled.push(action.refund_id)
      logger.warn(
        `line-refunds: refund ${action.refund_id} (${record.amount} ${context.currency_code.toUpperCase()}) of order ${context.order_id} failed at the gateway: ${action.failure_reason}. It was removed from the order, which owes the amount again.`,
      )
    }
    return new StepResponse(settled)
  },
)
