import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { PlanRefundReason } from "../../core/payment-data"

/**
 * The refund reason staff chose (Medusa's `refund_reason_id`), as the plan carries it to the
 * provider: Medusa's refundPayment passes a provider no reason, and a gateway such as Smartpay
 * requires one (docs/gateways/smartpay.md#refund-request). Null when none was chosen; an unknown
 * id is Medusa's own refund workflow's to refuse.
 */
export async function describeRefundReason(
  container: MedusaContainer,
  refundReasonId: string | null | undefined,
): Promise<PlanRefundReason | null> {
  if (!refundReasonId) return null
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [reason],
  } = await query.graph({
    entity: "refund_reason",
    fields: ["id", "code", "label"],
    filters: { id: refundReasonId },
  })
  return reason ? { id: reason.id, code: reason.code ?? null, label: reason.label ?? null } : null
}
