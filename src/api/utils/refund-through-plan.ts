import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { StoredRefundPlan } from "../../core/payment-data"
import { RefundRequest } from "../../core/refund-plan"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../modules/line-refunds"
import { refundWithPlanWorkflow } from "../../workflows"

/**
 * What the admin routes share: refund through the plugin's locked workflow, then read the
 * payment back (with the new refund) in the fields the caller answers with.
 */
export async function refundThroughPlan(
  scope: MedusaContainer,
  input: {
    payment_id: string
    request: RefundRequest
    note?: string
    refund_reason_id?: string
    created_by?: string
    fields: string[]
  },
): Promise<{ payment: Record<string, unknown>; plan: StoredRefundPlan }> {
  const { options } = scope.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
  const { result } = await refundWithPlanWorkflow(scope).run({
    input: {
      payment_id: input.payment_id,
      request: input.request,
      note: input.note,
      refund_reason_id: input.refund_reason_id,
      created_by: input.created_by,
      lock_timeout_seconds: options.lockTimeoutSeconds,
    },
  })
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({
    entity: "payment",
    fields: input.fields,
    filters: { id: input.payment_id },
  })
  return { payment, plan: result.plan }
}
