import { IPaymentModuleService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { decimalString } from "../../../core/money"
import { exactDecimal } from "../../utils/exact-decimal"

type Row = Record<string, any>

/**
 * Sets the payment collection's refunded_amount to the sum of the refunds that remain, as the
 * payment module computes it after a refund: deleting a refund does not recompute it
 * (docs/medusa.md#refunded-amount-of-the-payment-collection).
 * Recomputed from scratch rather than decremented, so running it again changes nothing.
 */
export const correctRefundedAmountStep = createStep(
  "line-refunds-correct-refunded-amount",
  async (input: { payment_collection_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [collection],
    } = await query.graph({
      entity: "payment_collection",
      fields: ["id", "payments.refunds.*"],
      filters: { id: input.payment_collection_id },
    })
    const refunds: Row[] = ((collection as Row)?.payments ?? []).flatMap(
      (payment: Row) => payment?.refunds ?? [],
    )
    const refunded = decimalString(
      MathBN.sum(0, ...refunds.map((refund) => exactDecimal(refund, "amount"))),
    )
    // `refunded_amount` is not in UpdatePaymentCollectionDTO but is updated all the same.
    await container
      .resolve<IPaymentModuleService>(Modules.PAYMENT)
      .updatePaymentCollections(input.payment_collection_id, {
        refunded_amount: refunded,
      } as never)
    return new StepResponse({ refunded_amount: refunded })
  },
)
