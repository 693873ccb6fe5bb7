import { MedusaError } from "@medusajs/framework/utils"
import { readCheckoutCart } from "../../../core/checkout-cart"
import { fromMinorUnits, toMinorUnits } from "../../../core/money"
import { GatewayError } from "../../../gateway-kit"
import { WorldlineCreatedOrder } from "../api/schemas"
import { WorldlineClient } from "../api/worldline-client"
import { buildOrderRequest } from "../checkout/build-order-request"
import { WorldlineOptions } from "../options"
import { WorldlineData } from "../payment-data"

const ORDER_ID = /^[A-Za-z0-9_-]{1,50}$/

/** The session's n-th order id: the session id, then `<session id>-2`, `-3`, … (never reused). */
export function orderIdFor(sessionId: string, attempt: number): string {
  const id = attempt <= 1 ? sessionId : `${sessionId}-${attempt}`
  if (!ORDER_ID.test(id)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `"${id}" cannot be a Worldline order id (at most 50 characters of A-Z, a-z, 0-9, _ and -)`,
    )
  }
  return id
}

/**
 * The payment method of a new order: the storefront's `payment_method_id` when it is one of
 * `allowedPaymentMethodIds`, else `paymentMethodId`. Anything else is refused before Worldline
 * is called, so a storefront cannot pick a method the store does not offer.
 */
export function chooseWorldlineMethod(
  requested: unknown,
  config: Pick<WorldlineOptions, "paymentMethodId" | "allowedPaymentMethodIds">,
): number {
  if (requested == null || requested === "") return config.paymentMethodId
  const id =
    typeof requested === "number"
      ? requested
      : typeof requested === "string" && /^\d{1,6}$/.test(requested)
        ? Number(requested)
        : NaN
  const allowed = config.allowedPaymentMethodIds ?? [config.paymentMethodId]
  if (!Number.isInteger(id) || !allowed.includes(id)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Worldline payment method "${String(requested)}" is not offered`,
    )
  }
  return id
}

export interface CreatedWorldlineOrder {
  data: WorldlineData
  created: WorldlineCreatedOrder
}

/**
 * Creates the session's next Worldline order from the checkout cart
 * (docs/gateways/worldline.md#orders-and-payments). An order id Worldline already holds (409
 * `11001`: an earlier attempt whose answer was lost) moves on to the next id; after a lost
 * answer the order is read back: not there, it is sent once more; there, its hosted page is
 * unknown (only the create answers it), so the next id is used and the other order stays unpaid.
 */
export async function createWorldlineOrder(input: {
  client: WorldlineClient
  config: WorldlineOptions
  sessionId: string
  firstAttempt: number
  amount: unknown
  currencyCode: string
  data: Record<string, unknown> | undefined
  paymentMethodId: number
}): Promise<CreatedWorldlineOrder> {
  const currency = input.currencyCode.toUpperCase()
  const cart = readCheckoutCart(input.data)
  if (!cart) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Worldline needs the cart's lines, and the payment session has none",
    )
  }
  const amountMinor = toMinorUnits(input.amount as string, currency)
  const { jsonText } = buildOrderRequest({
    currency,
    amountMinor,
    cart,
    paymentMethodId: input.paymentMethodId,
    autoCapture: input.config.autoCapture,
    returnUrl: input.config.returnUrl,
    descriptionPrefix: input.config.orderDescription,
  })

  let attempt = input.firstAttempt
  let resentSameId = false
  for (let tries = 0; tries < 4; tries++) {
    const orderId = orderIdFor(input.sessionId, attempt)
    try {
      const created = await input.client.createOrder(orderId, jsonText)
      return {
        created,
        data: {
          order_id: orderId,
          currency,
          amount: fromMinorUnits(amountMinor, currency),
          payment_method_id: input.paymentMethodId,
          status: created.orderState ?? "Registered",
          redirect_url: created.redirectUrl,
          attempt,
        },
      }
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error
      if (error.kind === "rejected" && error.details.http_status === 409) {
        attempt++
        continue
      }
      if (!error.ambiguous) throw error
      const exists = await input.client.readOrder(orderId).then(
        () => true,
        (readError: unknown) => {
          if (readError instanceof GatewayError && readError.kind === "not_found") return false
          throw error
        },
      )
      if (exists || resentSameId) attempt++
      else resentSameId = true
    }
  }
  throw new GatewayError(
    "Worldline",
    "ambiguous",
    `no order could be created for payment session ${input.sessionId}`,
  )
}
