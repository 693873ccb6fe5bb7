import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { moreThanCapturedMessage } from "../../core/messages"
import { sameAmountInCurrency, toDecimal } from "../../core/money"
import { LineRefundsState } from "../../core/payment-data"
import { PlanDecision, RefundRequest } from "../../core/refund-plan"
import { decideRefundPlan } from "./decide-refund-plan"
import { loadRefundInputs } from "./load-refund-context"

/** A refund's plan, with what booking it needs to know about the payment and its order. */
export interface PlannedRefund extends PlanDecision {
  provider_id: string
  /** the payment's plugin state (the plan write retires its other open plans) */
  state: LineRefundsState
  /** order line id → units the line has: no claim can go beyond it */
  ordered_units: Record<string, number>
  /** the payment's Medusa refunds before this one, read under the lock */
  refund_ids_before: string[]
}

/**
 * Reads the order, its received returns and its ledger and decides the plan. The order it is
 * computed from stays inside, and only the plan and the few facts booking needs travel on through
 * the workflow (the workflow engine copies every step's output into the steps after it). Callers
 * hold the payment's refund lock from here until the refund is booked.
 */
export async function planRefund(
  container: MedusaContainer,
  input: { payment_id: string; request: RefundRequest },
): Promise<PlannedRefund> {
  const { context, refund_ids, refundable } = await loadRefundInputs(container, input.payment_id)
  const decision = decideRefundPlan(container, context, input.request)
  assertWithinRefundable(decision.amount, refundable, context.payment.currency_code)
  return {
    ...decision,
    provider_id: context.payment.provider_id,
    state: context.state,
    ordered_units: Object.fromEntries(
      context.order.items.map((item) => [item.id, Number(item.quantity)]),
    ),
    refund_ids_before: refund_ids,
  }
}

/** planRefund as a step of its own (the refund preview's workflow). */
export const planRefundStep = createStep(
  "line-refunds-plan-refund",
  async (input: { payment_id: string; request: RefundRequest }, { container }) =>
    new StepResponse<PlannedRefund>(await planRefund(container, input)),
)

/**
 * Medusa's own refund workflow refuses more than captured minus refunded, but only after this
 * workflow has written the plan and claimed the units; refused here, a bad amount writes nothing.
 * The same tolerance as Medusa's: less than one minor unit over is allowed.
 */
function assertWithinRefundable(amount: string, refundable: string, currencyCode: string) {
  if (toDecimal(amount).lte(refundable) || sameAmountInCurrency(amount, refundable, currencyCode)) {
    return
  }
  throw new MedusaError(
    MedusaError.Types.INVALID_DATA,
    moreThanCapturedMessage({ amount, refundable, currency_code: currencyCode }),
  )
}
