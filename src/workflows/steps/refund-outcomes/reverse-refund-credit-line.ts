import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refundCreditLineAmount } from "../../../core/refund-outcomes"

/** How a credit-line reversal names the refund it reverses, so it is never made twice. */
export const CREDIT_LINE_REVERSAL_REFERENCE = "refund_reversal"

/**
 * A refund beyond what the order owed made Medusa add an order credit line for the excess. When
 * that refund fails, the credit line is reversed with a negative one through Medusa's own
 * "create-order-refund-credit-lines" workflow, which also recomputes the order summary
 * (docs/medusa.md#refunds-that-created-a-credit-line).
 * The excess is derived from the order's pending_difference recorded just before the refund;
 * without it the reversal would be a guess, so it is not made and the omission is logged.
 */
export const reverseRefundCreditLineStep = createStep(
  "line-refunds-reverse-refund-credit-line",
  async (
    input: {
      order_id: string
      refund_id: string
      amount: string
      pending_difference_before: string | null
    },
    { container },
  ) => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const credit = refundCreditLineAmount(input.amount, input.pending_difference_before)
    if (credit == null) {
      logger.warn(
        `line-refunds: refund ${input.refund_id} of order ${input.order_id} failed at the gateway and was undone, but the order's balance before it is unknown: any credit line Medusa added for it was not reversed; check the order's credit lines`,
      )
      return new StepResponse({ reversed: null as string | null })
    }
    if (!MathBN.gt(credit, 0)) return new StepResponse({ reversed: null as string | null })

    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [order],
    } = await query.graph({
      entity: "order",
      fields: ["id", "credit_lines.*"],
      filters: { id: input.order_id },
    })
    const done = ((order as Record<string, any>)?.credit_lines ?? []).some(
      (line: Record<string, unknown>) =>
        line?.reference === CREDIT_LINE_REVERSAL_REFERENCE &&
        line?.reference_id === input.refund_id,
    )
    if (done) return new StepResponse({ reversed: null as string | null })

    await container.resolve(Modules.WORKFLOW_ENGINE).run("create-order-refund-credit-lines", {
      input: {
        order_id: input.order_id,
        amount: MathBN.mult(credit, -1).toFixed(),
        reference: CREDIT_LINE_REVERSAL_REFERENCE,
        referenceId: input.refund_id,
      },
      throwOnError: true,
    })
    return new StepResponse({ reversed: credit as string | null })
  },
)
