import { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LineRefundsState, openPlanPatch, StoredRefundPlan } from "../../core/payment-data"

/**
 * Writes the plan into `payment.data`, where the payment provider will find it when Medusa calls
 * `refundPayment` (which receives nothing else). Other open plans of the payment are retired.
 * Called under the payment's refund lock.
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
    return new StepResponse(input.plan)
  },
)
