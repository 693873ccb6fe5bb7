import { MedusaError } from "@medusajs/framework/utils"

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

export function readOpttyData(data: Record<string, unknown> | undefined): OpttyData {
  const value = data?.[OPTTY_DATA_KEY] as OpttyData | undefined
  if (!value?.order_reference) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "This payment has no Optty order: it was not created by the Optty provider",
    )
  }
  return value
}

/** The patch Medusa deep-merges into `data`. */
export function opttyDataPatch(patch: Partial<OpttyData>): Record<string, unknown> {
  return { [OPTTY_DATA_KEY]: patch }
}
