import { InitiatePaymentInput, InitiatePaymentOutput, Logger } from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { CHECKOUT_CART_KEY, CheckoutCart } from "../../../core/checkout-cart"
import { toMinorUnits } from "../../../core/money"
import { chooseMethod } from "../../../gateway-kit"
import { MultiSafepayClient } from "../api/multisafepay-client"
import { buildCreateOrderRequest } from "../checkout/build-order-request"
import { buildShoppingCart, MspShoppingCart } from "../checkout/build-shopping-cart"
import { isPayLater } from "../gateways"
import { orderIdFor } from "../order-ids"
import { MultiSafepayOptions } from "../options"
import { mspDataPatch } from "../payment-data"

export interface CreateOrderParts {
  client: MultiSafepayClient
  config: MultiSafepayOptions
  logger: Logger
}

/**
 * A MultiSafepay order for a payment session: attempt 1 at initiation, +1 each time the amount
 * changes (MultiSafepay cannot change an order's amount). The gateway is the instance's fixed one,
 * else the storefront's `data.gateway` if allowed, else the shopper picks on MultiSafepay's page.
 */
export async function createMspOrder(
  parts: CreateOrderParts,
  input: InitiatePaymentInput,
  sessionId: string,
  attempt: number,
): Promise<InitiatePaymentOutput> {
  const currency = input.currency_code.toUpperCase()
  const amountMinor = toMinorUnits(input.amount, currency)
  const gateway = chooseMethod(input.data?.gateway, {
    fixed: parts.config.gateway,
    allowed: parts.config.allowedGateways,
    pattern: /^[A-Z0-9_]{2,30}$/,
    label: "MultiSafepay gateway",
    whenNoneAsked: null,
  })
  const cart = (input.data?.[CHECKOUT_CART_KEY] as CheckoutCart | undefined) ?? null
  const shoppingCart = shoppingCartFor(parts.logger, gateway, cart, amountMinor)
  const orderId = orderIdFor(sessionId, attempt)
  const request = buildCreateOrderRequest({
    orderId,
    gateway,
    currency,
    amountMinor,
    options: parts.config,
    cart,
    shoppingCart,
    customer: input.context?.customer,
  })
  const created = await parts.client.createOrder(request)
  return {
    id: orderId,
    status: PaymentSessionStatus.PENDING,
    data: {
      payment_url: created.payment_url,
      ...mspDataPatch({
        order_id: orderId,
        attempt,
        gateway,
        payment_type: null,
        currency,
        amount_minor: amountMinor,
        payment_url: created.payment_url,
        status: "initialized",
        item_refs: shoppingCart?.item_refs ?? {},
      }),
    },
  }
}

/**
 * Pay-later methods need the cart (refused without it, or when it does not add up). With no
 * fixed method the cart is sent when it adds up, so the payment page can offer pay-later too.
 */
function shoppingCartFor(
  logger: Logger,
  gateway: string | null,
  cart: CheckoutCart | null,
  amountMinor: number,
): MspShoppingCart | null {
  if (isPayLater(gateway)) {
    if (!cart) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `MultiSafepay ${gateway} needs the cart's lines, and the payment session has none`,
      )
    }
    return buildShoppingCart(cart, amountMinor)
  }
  if (gateway || !cart) return null
  try {
    return buildShoppingCart(cart, amountMinor)
  } catch (error) {
    logger.warn(`multisafepay: sending the order without its cart: ${(error as Error).message}`)
    return null
  }
}
