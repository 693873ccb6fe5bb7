import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/**
 * The Medusa payment a gateway report is about, found by its payment session. Null (and logged)
 * when there is none, or when it belongs to another provider than the one reporting: a provider
 * may only ever speak about its own payments.
 */
export const findPaymentForSessionStep = createStep(
  "line-refunds-find-payment-for-session",
  async (input: { session_id: string; provider: string }, { container }) => {
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [payment],
    } = await query.graph({
      entity: "payment",
      fields: ["id", "provider_id"],
      filters: { payment_session_id: input.session_id },
    })
    if (!payment) {
      logger.info(
        `line-refunds: ${input.provider} reported refunds for payment session ${input.session_id}, which has no payment; ignored`,
      )
      return new StepResponse({ payment_id: null as string | null })
    }
    const providerId = String((payment as Record<string, unknown>).provider_id ?? "")
    if (providerId !== `pp_${input.provider}` && !providerId.startsWith(`pp_${input.provider}_`)) {
      logger.warn(
        `line-refunds: ${input.provider} reported refunds for payment ${payment.id}, which belongs to ${providerId}; ignored`,
      )
      return new StepResponse({ payment_id: null as string | null })
    }
    return new StepResponse({ payment_id: payment.id as string | null })
  },
)
