import { providerData } from "../../gateway-kit/provider-data"
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

/** The provider's state in `data` (`read` throws when another provider made the payment). */
export const { read: readMspData, patch: mspDataPatch } = providerData<MultiSafepayData>({
  key: MSP_DATA_KEY,
  gateway: "MultiSafepay",
  required: "order_id",
})
