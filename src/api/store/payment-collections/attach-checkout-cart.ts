import { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import {
  CHECKOUT_CART_KEY,
  CheckoutCart,
  sessionDataWithCheckoutCart,
} from "../../../core/checkout-cart"
import { providerRequiresCheckoutCart } from "../../../gateway-kit/capabilities"
import { loadCheckoutCart } from "../../../workflows/steps/load-checkout-cart"

type SessionBody = { provider_id?: string; data?: Record<string, unknown> }

/**
 * Runs on Medusa's `POST /store/payment-collections/:id/payment-sessions` after its body
 * validation, before its handler. It replaces the session `data` with the client's data minus
 * any `CHECKOUT_CART_KEY` (never trusted) plus the checkout cart computed here from the
 * collection's cart, so the provider's `initiatePayment` gets the real cart.
 * - Every provider gets the cart (the others ignore one more key in their data).
 * - A cart that cannot be described as lines (store credit, gift cards) fails the request (400)
 *   only for providers that need the cart; others go on without it.
 * - A collection without a cart (an order edit's) goes on without one.
 * Medusa's handler reads `req.body`, so both `req.body` and `req.validatedBody` are updated.
 */
export async function attachCheckoutCart(
  req: MedusaRequest,
  _res: MedusaResponse,
  next: MedusaNextFunction,
) {
  try {
    const body = (req.validatedBody ?? req.body ?? {}) as SessionBody
    let cart: CheckoutCart | null = null
    try {
      cart = await loadCheckoutCart(req.scope, req.params.id)
    } catch (error) {
      if (!MedusaError.isMedusaError(error) || providerRequiresCheckoutCart(body.provider_id)) {
        throw error
      }
      req.scope
        .resolve(ContainerRegistrationKeys.LOGGER)
        .warn(
          `Payment session for ${body.provider_id} on collection ${req.params.id} gets no ` +
            `"${CHECKOUT_CART_KEY}": ${(error as Error).message}`,
        )
    }
    const data = sessionDataWithCheckoutCart(body.data, cart)
    for (const target of [req.body, req.validatedBody] as Array<SessionBody | undefined>) {
      if (target && typeof target === "object") target.data = data
    }
    next()
  } catch (error) {
    next(error)
  }
}
