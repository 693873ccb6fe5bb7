import { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { IPaymentModuleService } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { sameAmountInCurrency } from "../../../core/money"
import { providerCapturesInFullOnly } from "../../../gateway-kit/capabilities"

/**
 * Runs before Medusa's `POST /admin/payments/:id/capture` handler. Medusa does not pass the
 * capture amount to `capturePayment`, and some gateways always capture the whole payment (their
 * descriptor says `fullCaptureOnly`): a partial capture of such a payment would capture everything
 * at the gateway while Medusa books only part, so the customer would be charged more than the order
 * shows. Refused with a clear error instead.
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
      if (
        providerCapturesInFullOnly(payment.provider_id) &&
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
