import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../modules/line-refunds"
import { loadRefundOutcomeContext } from "./refund-outcomes/load-refund-outcome-context"
import { isOrphanOf } from "./refund-outcomes/orphan-refunds"

/**
 * Gives every refund Medusa made on the payment outside the plugin's workflow (an order
 * cancellation refunding what was captured, a cart's compensation, a store's own code) an entry
 * in the ledger: by amount, with what the gateway said when a provider of this plugin made it, so
 * its later reports settle it instead of booking it a second time. Run under the payment's lock,
 * so a refund the plugin is still booking is never taken for an outside one.
 */
export const recordExternalRefundsStep = createStep(
  "line-refunds-record-external-refunds",
  async (input: { payment_id: string }, { container }) => {
    const ledger = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
    const context = await loadRefundOutcomeContext(container, input.payment_id)
    const booked = new Set(context.entries.map((e) => e.refund_id).filter(Boolean))
    const inDoubt = context.entries.filter((e) => e.status === "in_doubt")
    const recorded: string[] = []
    for (const refund of context.medusa_refunds) {
      if (booked.has(refund.id)) continue
      // a refund in doubt's own half-made row (orphan-refunds.ts) is left to its resolution
      const orphanOf = inDoubt.find((e) => isOrphanOf(e, refund, context.currency_code))
      if (orphanOf) {
        container
          .resolve(ContainerRegistrationKeys.LOGGER)
          .warn(
            `line-refunds: Medusa refund ${refund.id} of payment ${context.payment_id} may belong to the refund in doubt ${orphanOf.id}; not recorded as made outside the plugin`,
          )
        continue
      }
      const gateway = context.state.refunds[refund.id]
      const entry = await ledger.recordRefund(
        {
          payment_id: context.payment_id,
          order_id: context.order_id,
          provider_id: context.provider_id,
          refund_id: refund.id,
          // one key per Medusa refund: an outside refund is its own logical refund
          idempotency_key: gateway?.idempotency_key ?? `external_${refund.id}`,
          return_ids: [],
          kind: "amount",
          source: "external",
          status: gateway?.status ?? "succeeded",
          amount: refund.amount,
          currency_code: context.currency_code,
          gateway_amount: gateway?.gateway_amount ?? null,
          gateway_reference: gateway?.gateway_reference ?? null,
          plan_id: gateway?.plan_id ?? null,
          pending_difference_before: null,
          note: null,
          gateway: gateway?.gateway ?? null,
          units: [],
        },
        () => 0,
      )
      recorded.push(entry.id)
    }
    return new StepResponse(recorded)
  },
)
