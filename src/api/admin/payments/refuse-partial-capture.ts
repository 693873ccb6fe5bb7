import { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { IPaymentModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { sameAmountInCurrency } from "../../../core/money"

/**
 * Providers whose capture always takes the whole payment: Medusa does not pass the capture amount
 * to `capturePayment`; MultiSafepay captures pay-later orders by marking them shipped, and the
 * Optty provider captures what remains of the order.
 */
export const FULL_CAPTURE_ONLY_PROVIDERS = ["pp_multisafepay_", "pp_optty_"]

/**
 * Runs before Medusa's `POST /admin/payments/:id/capture` handler: a partial capture of such a
 * payment would capture everything at the gateway while Medusa books only part, so the customer
 * would be charged more than the order shows. Refused with a clear error instead.
 */
export async function refusePartialCapture(
  req: MedusaRequest,
  _res: MedusaResponse,
  next: MedusaNextFunction,
) {
  try {
    const amount = (req.validatedBody as { amount?: number } | undefined)?.amount
    if (amount != null) {
      const payments = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
      const payment = await payments.retrievePayment(req.params.id, {
        select: ["id", "provider_id", "amount", "currency_code"],
      })
      const fullOnly = FULL_CAPTURE_ONLY_PROVIDERS.some((p) => payment.provider_id.startsWith(p))
      if (
        fullOnly &&
        !sameAmountInCurrency(amount, payment.amount as never, payment.currency_code)
      ) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `${payment.provider_id} captures the whole payment (${payment.amount} ${payment.currency_code.toUpperCase()}); a partial capture of ${amount} is not possible`,
        )
      }
    }
    next()
  } catch (error) {
    next(error)
  }
}
