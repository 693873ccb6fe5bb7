import { providerData } from "../../gateway-kit/provider-data"

/** What the provider keeps in the session's and payment's `data`, under its own key. */
export const SMARTPAY_DATA_KEY = "smartpay"

export interface SmartpayData {
  /** Smartpay's order (`order_test_…`), made by the checkout session */
  order_id: string
  checkout_session_id: string
  /** Smartpay's hosted checkout, where the storefront sends the shopper */
  url: string | null
  /** whole yen, as sent */
  amount: number
  currency: "JPY"
  capture_method: "manual" | "automatic"
  /** Smartpay's order status at the last read */
  status: string | null
  /**
   * Smartpay's `li_…` id of each checkout cart line (`cali_…` → `li_…`), learnt when the order is
   * authorised: a refund lists the ids of the lines it returns (docs/gateways/smartpay.md#refunds).
   */
  line_items?: Record<string, string> | null
  /** which checkout session of the payment session this is (a new amount makes a new one) */
  attempt: number
}

/** The provider's state in `data` (`read` throws when another provider made the payment). */
export const { read: readSmartpayData, patch: smartpayDataPatch } = providerData<SmartpayData>({
  key: SMARTPAY_DATA_KEY,
  gateway: "Smartpay",
  required: "order_id",
})
