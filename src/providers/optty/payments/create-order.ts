import { InitiatePaymentInput, InitiatePaymentOutput } from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { CHECKOUT_CART_KEY, CheckoutCart } from "../../../core/checkout-cart"
import { fromMinorUnits, toMinorUnits } from "../../../core/money"
import { chooseMethod } from "../../../gateway-kit"
import { OpttyClient } from "../api/optty-client"
import { buildOrderRequest } from "../checkout/build-order-request"
import { assertOpttyCurrency } from "../money"
import { OpttyOptions } from "../options"
import { opttyDataPatch } from "../payment-data"

/**
 * One Optty order per payment session (its reference is the session id), built server-side from
 * the checkout cart, for the instance's fixed BNPL provider or the storefront's allowed choice.
 */
export async function createOpttyOrder(
  client: OpttyClient,
  config: OpttyOptions,
  input: InitiatePaymentInput,
  orderReference: string,
): Promise<InitiatePaymentOutput> {
  const currency = input.currency_code.toUpperCase()
  assertOpttyCurrency(currency)
  const cart = input.data?.[CHECKOUT_CART_KEY] as CheckoutCart | undefined
  if (!cart) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Optty needs the cart's lines, and the payment session has none",
    )
  }
  const amountMinor = toMinorUnits(input.amount, currency)
  const bnplProvider = chooseMethod(input.data?.bnpl_provider, {
    fixed: config.bnplProvider,
    allowed: config.allowedBnplProviders,
    pattern: /^[A-Z0-9_]{2,40}$/,
    label: "Optty BNPL provider",
    whenNoneAsked:
      "Optty needs a bnpl_provider in the payment session data (or the bnplProvider option)",
  })!
  const request = buildOrderRequest({
    orderReference,
    bnplProvider,
    currency,
    amountMinor,
    cart,
    locale: config.locale,
    redirectUrl: config.redirectUrl,
    webhookUrl: config.webhookUrl,
  })
  const created = await client.createOrder(request)
  return {
    id: orderReference,
    status: PaymentSessionStatus.PENDING,
    data: {
      redirect_url: created.redirectUrl,
      ...opttyDataPatch({
        order_reference: orderReference,
        bnpl_provider: bnplProvider,
        currency,
        amount: fromMinorUnits(amountMinor, currency),
        redirect_url: created.redirectUrl,
        status: created.status ?? "INITIATED",
      }),
    },
  }
}
