import { createHash } from "node:crypto"
import { MedusaError } from "@medusajs/framework/utils"
import { CheckoutCart } from "../../../core/checkout-cart"
import { SmartpayClient } from "../api/smartpay-client"
import { buildCheckoutSession, CURRENCY } from "../checkout/build-checkout-session"
import { SmartpayOptions } from "../options"
import { SmartpayData } from "../payment-data"

/**
 * A checkout session for the payment session (docs/gateways/smartpay.md#checkout-session-request):
 * built and checked before any call, sent under an Idempotency-Key of the session and the body,
 * so a lost answer resent within 6 h gets the same session, and a new amount a new one.
 */
export async function createCheckoutSession(input: {
  client: SmartpayClient
  config: Pick<SmartpayOptions, "captureMethod" | "successUrl" | "cancelUrl">
  sessionId: string
  cart: CheckoutCart | null
  amountYen: number
  attempt: number
}): Promise<SmartpayData> {
  if (!input.cart) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Smartpay needs the cart's lines: this payment session has no checkout cart (store credit and gift cards cannot be paid with Smartpay)",
    )
  }
  const body = buildCheckoutSession({
    sessionId: input.sessionId,
    amountYen: input.amountYen,
    cart: input.cart,
    captureMethod: input.config.captureMethod,
    successUrl: input.config.successUrl,
    cancelUrl: input.config.cancelUrl,
  })
  const digest = createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 16)
  const session = await input.client.createCheckoutSession(
    body,
    `checkout-${input.sessionId}-${digest}`,
  )
  return {
    order_id: typeof session.order === "string" ? session.order : session.order.id,
    checkout_session_id: session.id,
    url: session.url,
    amount: body.amount,
    currency: CURRENCY,
    capture_method: body.captureMethod,
    status: typeof session.order === "string" ? null : session.order.status,
    line_items: null,
    attempt: input.attempt,
  }
}
