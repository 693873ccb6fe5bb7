import {
  createWorkflow,
  transform,
  when,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import { RefundUpdatedEvent } from "../core/refund-outcomes"
import { lockPaymentRefunds } from "./steps/lock-payment-refunds"
import { recordExternalRefundsStep } from "./steps/record-external-refunds"
import { decideRefundOutcomesStep } from "./steps/refund-outcomes/decide-refund-outcomes"
import { findPaymentForSessionStep } from "./steps/refund-outcomes/find-payment-for-session"
import { loadRefundOutcomeContextStep } from "./steps/refund-outcomes/load-refund-outcome-context"
import { recordGatewayRefundsStep } from "./steps/refund-outcomes/record-gateway-refunds"
import { settleRefundOutcomesStep } from "./steps/refund-outcomes/settle-refund-outcomes"

export interface ApplyRefundOutcomesInput {
  event: RefundUpdatedEvent
  lock_timeout_seconds: number
}

/**
 * Brings Medusa in line with what a gateway reports about a payment's refunds (the neutral
 * `line_refunds.refund_updated` event): pending refunds settle as succeeded or failed (a failed
 * one is undone so the order owes the amount again), and refunds made at the gateway that Medusa
 * does not know are recorded. Under the same per-payment lock as refundWithPlanWorkflow: the
 * report is applied to state no refund is changing, and no refund starts until it is applied.
 * Deciding from a snapshot makes replays and out-of-order reports change nothing.
 */
export const applyRefundOutcomesWorkflow = createWorkflow(
  "line-refunds-apply-refund-outcomes",
  (input: ApplyRefundOutcomesInput) => {
    const found = findPaymentForSessionStep(
      transform({ input }, ({ input }) => ({
        session_id: input.event.session_id,
        provider: input.event.provider,
      })),
    )

    const actions = when(
      "line-refunds-payment-found",
      { found },
      ({ found }) => !!found.payment_id,
    ).then(() => {
      const payment = transform({ found, input }, ({ found, input }) => ({
        payment_id: found.payment_id as string,
        lock_timeout_seconds: input.lock_timeout_seconds,
      }))
      const release = lockPaymentRefunds(payment)
      // a refund Medusa made outside the plugin must be in the ledger before reports are matched,
      // or the report would look like one nobody booked
      recordExternalRefundsStep(
        transform({ payment }, ({ payment }) => ({ payment_id: payment.payment_id })),
      )

      const context = loadRefundOutcomeContextStep(
        transform({ payment }, ({ payment }) => ({ payment_id: payment.payment_id })),
      )
      const decided = decideRefundOutcomesStep(
        transform({ context, input }, ({ context, input }) => ({ context, event: input.event })),
      )
      settleRefundOutcomesStep(
        transform({ context, decided }, ({ context, decided }) => ({ context, actions: decided })),
      )
      recordGatewayRefundsStep(
        transform({ payment, input, decided }, ({ payment, input, decided }) => ({
          payment_id: payment.payment_id,
          provider: input.event.provider,
          actions: decided,
        })),
      )

      release()
      return decided
    })

    return new WorkflowResponse({
      payment_id: transform({ found }, ({ found }) => found.payment_id),
      actions: transform({ actions }, ({ actions }) => actions ?? []),
    })
  },
)
