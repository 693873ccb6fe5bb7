import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { RefundRequest } from "../../core/refund-plan"
import { claimRefund, undoClaim } from "./claim-refund"
import { planRefund } from "./plan-refund"

export interface PlanAndClaimRefundInput {
  payment_id: string
  request: RefundRequest
  note?: string | null
  refund_reason_id?: string | null
}

/**
 * The plan (plan-refund.ts) and its claim (claim-refund.ts) in one step of the refund workflow:
 * both run under the payment's lock, one straight after the other, and the workflow engine
 * copies every step's output and input, so the plan crossed it twice as two steps
 * (integration-tests/bench/refund-overhead.bench.ts). A plan that cannot be made writes nothing;
 * compensation undoes the claim exactly as the claim step's does.
 */
export const planAndClaimRefundStep = createStep(
  "line-refunds-plan-and-claim-refund",
  async (input: PlanAndClaimRefundInput, { container }) => {
    const planned = await planRefund(container, {
      payment_id: input.payment_id,
      request: input.request,
    })
    const { entry_id, claimed } = await claimRefund(container, {
      payment_id: input.payment_id,
      provider_id: planned.provider_id,
      state: planned.state,
      plan: planned.plan,
      amount: planned.amount,
      source: planned.plan.source,
      note: input.note ?? null,
      ordered_units: planned.ordered_units,
      adopt_entry_id: planned.retry_of ?? null,
      refund_reason_id: input.refund_reason_id ?? null,
    })
    return new StepResponse(
      {
        entry_id,
        plan: planned.plan,
        amount: planned.amount,
        refund_ids_before: planned.refund_ids_before,
      },
      claimed,
    )
  },
  async (claimed, { container }) => {
    if (claimed) await undoClaim(container, claimed)
  },
)
