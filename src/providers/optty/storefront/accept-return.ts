import { Logger, UpdatePaymentOutput } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { OpttyOrderDetails } from "../api/schemas"
import { OPTTY_DATA_KEY, OpttyData } from "../payment-data"
import { StorefrontReturn, verifyResultHash } from "./result-hash"
import { OPTTY_RETURN_KEY } from "./storefront-return"

/**
 * The shopper's return from Optty, kept only when its result hash verifies with the payment
 * secret and it is for this session's order (docs/gateways/optty.md#shopper-return-hash). The
 * hash proves what Optty told the shopper; the payment's state is still read from Optty
 * (`readDetails`). No status is returned: the session is authorized by completing the cart,
 * which reads Optty again.
 */
export async function acceptStorefrontReturn(input: {
  data: Record<string, unknown>
  current: OpttyData
  returned: StorefrontReturn
  paymentSecret: string
  readDetails: () => Promise<OpttyOrderDetails>
  logger: Logger
}): Promise<UpdatePaymentOutput> {
  const { current, returned } = input
  const check = verifyResultHash(input.paymentSecret, returned)
  if (!check.ok) {
    input.logger.warn(
      `optty: storefront return for ${current.order_reference} refused: ${check.reason}`,
    )
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Optty return refused: ${check.reason}`)
  }
  if (returned.reference !== current.order_reference) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Optty return refused: it is for order ${returned.reference}, not ${current.order_reference}`,
    )
  }
  const details = await input.readDetails()
  const { [OPTTY_RETURN_KEY]: _dropped, ...rest } = input.data
  return {
    data: {
      ...rest,
      [OPTTY_DATA_KEY]: {
        ...current,
        status: details.status,
        storefront_result: {
          status: check.status,
          provider_reference: returned.providerReference ?? null,
          verified_at: new Date().toISOString(),
        },
      },
    },
  }
}
