import { providerData } from "../../gateway-kit/provider-data"

/** What the provider keeps in the session's and payment's `data`, under its own key. */
export const WORLDLINE_DATA_KEY = "worldline"

export interface WorldlineData {
  /** Worldline's orderId: the payment session id, `<session id>-<n>` for a later order of it */
  order_id: string
  /** upper case, e.g. EUR */
  currency: string
  /** major units with the currency's decimals, as sent to Worldline */
  amount: string
  payment_method_id: number
  /** Worldline's orderState at the last read */
  status: string | null
  /** the hosted payment page */
  redirect_url: string | null
  /** which order of the session this is: 1 for the session id itself, n for `-<n>` */
  attempt: number
}

/** The provider's state in `data` (`read` throws when another provider made the payment). */
export const { read: readWorldlineData, patch: worldlineDataPatch } = providerData<WorldlineData>({
  key: WORLDLINE_DATA_KEY,
  gateway: "Worldline",
  required: "order_id",
})

/** The session id an order id belongs to: the order id without a trailing `-<n>`. */
export function sessionIdOfOrder(orderId: string): string {
  return orderId.replace(/-\d+$/, "")
}
