import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { money } from "../../../core/ledger"
import { gatewayRefundPlan, RefundOutcomeAction } from "../../../core/refund-outcomes"
import { recordGatewayRefundWorkflow } from "../../record-gateway-refund"
import { loadRefundOutcomeContext } from "./load-refund-outcome-context"
import { removeOrphanRefunds } from "./orphan-refunds"

/**
 * Books in Medusa each refund the gateway made that Medusa has not booked: a refund in doubt the
 * gateway shows under its key (with its lines, under its own ledger entry), or one made in the
 * gateway's dashboard (by amount). Each is planned from the payment as it is at that moment
 * (after failures were undone, after the previous booking), so the order's balance is current.
 * A refund Medusa refuses is logged and skipped; the others are still booked.
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
      if (action.type !== "record_gateway_refund" && action.type !== "record_in_doubt") continue
      let context = await loadRefundOutcomeContext(container, input.payment_id)
      let entry =
        action.type === "record_in_doubt"
          ? context.entries.find((e) => e.id === action.entry_id)
          : undefined
      if (action.type === "record_in_doubt" && entry?.status !== "in_doubt") continue
      if (entry && (await removeOrphanRefunds(container, context, entry)).length) {
        context = await loadRefundOutcomeContext(container, input.payment_id)
        entry = context.entries.find((e) => e.id === entry!.id)
      }
      const recording = gatewayRefundPlan({
        report: action.report,
        in_doubt: entry
          ? { entry, plan: entry.plan_id ? (context.state.plans[entry.plan_id] ?? null) : null }
          : null,
        provider: input.provider,
        payment: { id: context.payment_id, currency_code: context.currency_code },
        order: { id: context.order_id, pending_difference: context.pending_difference },
        now: new Date(),
      })
      const { errors } = await recordGatewayRefundWorkflow(container).run({
        input: {
          payment_id: input.payment_id,
          provider_id: context.provider_id,
          state: context.state,
          plan: recording.plan,
          amount: recording.amount,
          source: "gateway_report",
          ordered_units: {},
          adopt_entry_id: entry?.id ?? null,
          note: recording.note,
        },
        throwOnError: false,
      })
      const reference = action.report.gateway_reference
      const amount = money(recording.amount, context.currency_code)
      if (errors?.length) {
        logger.error(
          `line-refunds: ${input.provider} refund ${reference} (${amount}) could not be recorded on payment ${input.payment_id} of order ${context.order_id}: ${errors.map((e) => e.error?.message ?? String(e.error)).join("; ")}`,
        )
        continue
      }
      recorded.push(reference)
      logger.info(
        `line-refunds: recorded ${input.provider} refund ${reference} (${amount}) on payment ${input.payment_id}: ${recording.note}`,
      )
    }
    return new StepResponse(recorded)
  },
)
