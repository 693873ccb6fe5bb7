import { IPaymentModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/** Deletes Medusa's Refund row of a refund the gateway failed; the amount is refundable again. */
export const deleteRefundStep = createStep(
  "line-refunds-delete-refund",
  async (input: { refund_id: string }, { container }) => {
    const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
    const [refund] = await payments.listRefunds({ id: input.refund_id }, { select: ["id"] })
    if (refund) await payments.deleteRefunds([refund.id])
    return new StepResponse({ deleted: !!refund })
  },
)
