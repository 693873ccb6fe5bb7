import { providerData } from "../../gateway-kit/provider-data"

/** What the provider keeps in the session's and payment's `data`, under its own key. */
export const OPTTY_DATA_KEY = "optty"

export interface OpttyData {
  /** Optty's orderReference: the Medusa payment session id, one Optty order per session */
  order_reference: string
  bnpl_provider: string
  /** upper case, e.g. AUD */
  currency: string
  /** major units, 2 decimals, as sent to Optty */
  amount: string
  redirect_url: string | null
  /** Optty's order status at the last read */
  status: string | null
  /** the shopper's return, once its result hash checked out */
  storefront_result?: { status: string; provider_reference: string | null; verified_at: string }
}

/** The provider's state in `data` (`read` throws when another provider made the payment). */
export const { read: readOpttyData, patch: opttyDataPatch } = providerData<OpttyData>({
  key: OPTTY_DATA_KEY,
  gateway: "Optty",
  required: "order_reference",
})
