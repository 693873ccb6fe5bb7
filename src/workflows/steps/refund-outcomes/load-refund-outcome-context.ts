import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LedgerRefund } from "../../../core/ledger"
import { paymentWithoutOrderMessage, refundTargetNotFoundMessage } from "../../../core/messages"
import { LineRefundsState, readLineRefundsState } from "../../../core/payment-data"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../../modules/line-refunds"
import { exactDecimal } from "../../utils/exact-decimal"

type Row = Record<string, any>

/** What applying a gateway's refund report needs to know about the payment and its order. */
export interface RefundOutcomeContext {
  payment_id: string
  provider_id: string
  currency_code: string
  payment_collection_id: string
  order_id: string
  /** the order's pending_difference now (negative: the store owes the customer) */
  pending_difference: string | null
  /** Medusa's refunds of the payment (a refund without a ledger entry may be in flight) */
  medusa_refunds: Array<{ id: string; amount: string; created_at: string }>
  /** the payment's ledger entries */
  entries: LedgerRefund[]
  /** the plugin's state in the payment's data (its plans) */
  state: LineRefundsState
}

export async function loadRefundOutcomeContext(
  container: MedusaContainer,
  paymentId: string,
): Promise<RefundOutcomeContext> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({
    entity: "payment",
    fields: [
      "id",
      "provider_id",
      "currency_code",
      "payment_collection_id",
      "data",
      "refunds.*",
      "payment_collection.order.id",
      "payment_collection.order.summary.*",
    ],
    filters: { id: paymentId },
  })
  if (!payment) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      refundTargetNotFoundMessage("payment", paymentId),
    )
  }
  const order = (payment as Row).payment_collection?.order as Row | undefined
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, paymentWithoutOrderMessage(paymentId))
  }
  const entries = await container
    .resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
    .ledgerOf({ payment_id: paymentId })
  return {
    payment_id: payment.id,
    provider_id: (payment as Row).provider_id,
    currency_code: (payment as Row).currency_code,
    payment_collection_id: (payment as Row).payment_collection_id,
    order_id: order.id,
    pending_difference:
      order.summary?.pending_difference != null
        ? exactDecimal(order.summary, "pending_difference")
        : null,
    medusa_refunds: ((payment as Row).refunds ?? []).map((refund: Row) => ({
      id: refund.id,
      amount: exactDecimal(refund, "amount"),
      created_at: new Date(refund.created_at).toISOString(),
    })),
    entries,
    state: readLineRefundsState((payment as Row).data),
  }
}

/** Loads the payment's state under its refund lock, so the decision sees what is true now. */
export const loadRefundOutcomeContextStep = createStep(
  "line-refunds-load-refund-outcome-context",
  async (input: { payment_id: string }, { container }) =>
    new StepResponse(await loadRefundOutcomeContext(container, input.payment_id)),
)
