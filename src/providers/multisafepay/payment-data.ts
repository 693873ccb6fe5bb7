import { MedusaError } from "@medusajs/framework/utils"
import { CartItemRef } from "./checkout/build-shopping-cart"

/** What the provider keeps in the session's and payment's `data`, under its own key. */
export const MSP_DATA_KEY = "multisafepay"

export interface MultiSafepayData {
  order_id: string
  /** 1 for the session's first MultiSafepay order, +1 for each new order (see order-ids) */
  attempt: number
  /** the gateway the order was created for, null when the shopper picks on the payment page */
  gateway: string | null
  /** the method the shopper paid with (`payment_details.type`), once known */
  payment_type: string | null
  currency: string
  amount_minor: number
  payment_url: string | null
  status: string | null
  /** merchant_item_id → the checkout line or shipping method it was sold as */
  item_refs: Record<string, CartItemRef>
}

export function readMspData(data: Record<string, unknown> | undefined): MultiSafepayData {
  const value = data?.[MSP_DATA_KEY] as MultiSafepayData | undefined
  if (!value?.order_id) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "This payment has no MultiSafepay order: it was not created by the MultiSafepay provider",
    )
  }
  return value
}

/** The patch Medusa deep-merges into `data`. */
export function mspDataPatch(patch: Partial<MultiSafepayData>): Record<string, unknown> {
  return { [MSP_DATA_KEY]: patch }
}
