import { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  lineRefundsPatch,
  LineRefundsState,
  openPlanPatch,
  readLineRefundsState,
  StoredRefundPlan,
} from "../../core/payment-data"

/**
 * Writes the plan into `payment.data`, where the payment provider will find it when Medusa calls
 * `refundPayment` (which receives nothing else). Other open plans of the payment are retired.
 * Runs under the payment's refund lock.
 *
 * Compensation: when the refund fails, the plan is retired ("abandoned") unless the provider
 * already consumed it, so no later refund of the same amount can pick it up. A retry computes a
 * fresh plan with the same idempotency key.
 */
export const writeRefundPlanStep = createStep(
  "line-refunds-write-refund-plan",
  async (
    input: { payment_id: string; state: LineRefundsState; plan: StoredRefundPlan },
    { container },
  ) => {
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    // `data` is deep-merged by the payment module; UpdatePaymentDTO does not declare it.
    await payments.updatePayment({
      id: input.payment_id,
      data: openPlanPatch(input.state, input.plan),
    } as never)
    return new StepResponse(input.plan, { payment_id: input.payment_id, plan_id: input.plan.id })
  },
  async (written, { container }) => {
    if (!written) return
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const payment = await payments.retrievePayment(written.payment_id, { select: ["id", "data"] })
    const plan = readLineRefundsState(payment.data).plans[written.plan_id]
    if (plan?.status !== "open") return
    await payments.updatePayment({
      id: written.payment_id,
      data: lineRefundsPatch({ plans: { [written.plan_id]: { status: "abandoned" } } }),
    } as never)
  },
)
