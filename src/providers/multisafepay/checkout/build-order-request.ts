import { PaymentCustomerDTO } from "@medusajs/framework/types"
import { CheckoutCart } from "../../../core/checkout-cart"
import { CreateOrderRequest } from "../api/requests"
import { MultiSafepayOptions } from "../options"
import { isPayLater } from "../gateways"
import { MspShoppingCart } from "./build-shopping-cart"

const MAX_DESCRIPTION = 200

/**
 * MultiSafepay's create-order body for a redirect payment
 * (docs/gateways/multisafepay.md#checkout-cart-and-tax-tables).
 */
export function buildCreateOrderRequest(input: {
  orderId: string
  gateway: string | null
  currency: string
  amountMinor: number
  options: MultiSafepayOptions
  cart: CheckoutCart | null
  shoppingCart: MspShoppingCart | null
  customer: PaymentCustomerDTO | null | undefined
}): CreateOrderRequest {
  const { options } = input
  const description = `Order ${input.cart?.cart_id ?? input.orderId}`.slice(0, MAX_DESCRIPTION)
  return {
    type: "redirect",
    order_id: input.orderId,
    ...(input.gateway ? { gateway: input.gateway } : {}),
    currency: input.currency,
    amount: input.amountMinor,
    description,
    payment_options: {
      notification_url: options.notificationUrl,
      notification_method: "POST",
      redirect_url: options.redirectUrl,
      cancel_url: options.cancelUrl,
      close_window: false,
    },
    ...customerFields(input.cart, input.customer),
    ...(input.shoppingCart
      ? {
          shopping_cart: { items: input.shoppingCart.items },
          checkout_options: { tax_tables: input.shoppingCart.tax_tables },
        }
      : {}),
    // Pay-later methods reserve at payment and capture at shipment: never "manual".
    ...(options.manualCapture && !isPayLater(input.gateway) ? { capture: "manual" as const } : {}),
    ...(options.daysActive ? { days_active: options.daysActive } : {}),
  }
}

/** The shopper as MultiSafepay wants them; empty fields are left out, never sent as "". */
function customerFields(
  cart: CheckoutCart | null,
  customer: PaymentCustomerDTO | null | undefined,
): Pick<CreateOrderRequest, "customer"> {
  const fromCart = cart?.customer
  const billing = customer?.billing_address
  const fields: Record<string, string | null | undefined> = {
    email: fromCart?.email ?? customer?.email,
    first_name: fromCart?.first_name ?? customer?.first_name,
    last_name: fromCart?.last_name ?? customer?.last_name,
    phone1: fromCart?.phone ?? customer?.phone,
    address1: fromCart?.address_1 ?? billing?.address_1,
    address2: fromCart?.address_2 ?? billing?.address_2,
    zip_code: fromCart?.postal_code ?? billing?.postal_code,
    city: fromCart?.city ?? billing?.city,
    country: (fromCart?.country_code ?? billing?.country_code)?.toUpperCase(),
    company_name: fromCart?.company ?? customer?.company_name,
  }
  const present = Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => !!entry[1]),
  )
  return Object.keys(present).length ? { customer: present } : {}
}
