import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { money } from "../../../core/ledger"
import { RefundOutcomeAction } from "../../../core/refund-outcomes"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../../modules/line-refunds"
import { undoFailedRefundWorkflow } from "../../undo-failed-refund"
import { RefundOutcomeContext } from "./load-refund-outcome-context"
import { markRefundSettled } from "./mark-refund-settled"

/**
 * Settles what the gateway decided, one at a time in the report's order: a success only updates
 * the ledger entry; a failure is undone in Medusa first (undoFailedRefundWorkflow); a refund in
 * doubt that never happened gives its units back.
 */
export const settleRefundOutcomesStep = createStep(
  "line-refunds-settle-refund-outcomes",
  async (
    input: { context: RefundOutcomeContext; actions: RefundOutcomeAction[] },
    { container },
  ) => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const ledger = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
    const { context } = input
    const settled: string[] = []
    for (const action of input.actions) {
      if (action.type === "release_in_doubt") {
        const entry = context.entries.find((e) => e.id === action.entry_id)
        await ledger.updateEntry(action.entry_id, {
          status: "released",
          failure_reason: action.reason,
          ...(action.gateway_reference ? { gateway_reference: action.gateway_reference } : {}),
        })
        settled.push(action.entry_id)
        logger.info(
          `line-refunds: refund ${entry ? money(entry.amount, entry.currency_code) : action.entry_id} of order ${context.order_id} was in doubt and is released: ${action.reason}. Its units can be refunded again.`,
        )
        continue
      }
      if (action.type !== "settle") continue
      const entry = context.entries.find((e) => e.id === action.entry_id)!
      if (action.status === "succeeded") {
        if (await markRefundSettled(container, action)) settled.push(action.entry_id)
        continue
      }
      await undoFailedRefundWorkflow(container).run({
        input: {
          payment_collection_id: context.payment_collection_id,
          order_id: context.order_id,
          action,
          amount: entry.amount,
          pending_difference_before: entry.pending_difference_before,
        },
      })
      settled.push(action.entry_id)
      logger.warn(
        `line-refunds: refund ${action.refund_id} (${money(entry.amount, context.currency_code)}) of order ${context.order_id} failed at the gateway: ${action.failure_reason}. It was removed from the order, which owes the amount again.`,
      )
    }
    return new StepResponse(settled)
  },
)
