import { Storefront, STOREFRONT_ADDRESS } from "./storefront-seed"

/**
 * Checkout through the store API, step by step as a storefront does it (Next.js starter order:
 * cart → line items → promotion → address → shipping method → payment collection → payment
 * session → complete). `api` is the runner's axios client.
 */

export type StoreHeaders = { headers: Record<string, string> }

export function storeHeaders(store: Pick<Storefront, "publishableKey">): StoreHeaders {
  return { headers: { "x-publishable-api-key": store.publishableKey } }
}

export interface StoreCartInput {
  items: Array<{ variant_id: string; quantity: number; metadata?: Record<string, unknown> }>
  email?: string
  /** shipping and billing address; defaults to the store's market's address */
  address?: Record<string, unknown>
  billing_address?: Record<string, unknown>
  promo_codes?: string[]
  /** a shipping option to add as shipping method; defaults to the store's; null for none */
  shipping_option_id?: string | null
}

/** A cart with its items, addresses, promotions and shipping method, as the store API returns it. */
export async function createStoreCart(api: any, store: Storefront, input: StoreCartInput) {
  const headers = storeHeaders(store)
  const address = input.address ?? store.address ?? STOREFRONT_ADDRESS
  const {
    data: { cart: created },
  } = await api.post(
    "/store/carts",
    {
      region_id: store.regionId,
      email: input.email ?? "sam@example.com",
      shipping_address: address,
      billing_address: input.billing_address ?? address,
    },
    headers,
  )
  // one request per line, as a shopper adds them
  for (const item of input.items) {
    await api.post(`/store/carts/${created.id}/line-items`, item, headers)
  }
  if (input.promo_codes?.length) {
    await api.post(
      `/store/carts/${created.id}/promotions`,
      { promo_codes: input.promo_codes },
      headers,
    )
  }
  const optionId =
    input.shipping_option_id === undefined ? store.shippingOptionId : input.shipping_option_id
  if (optionId) {
    await api.post(`/store/carts/${created.id}/shipping-methods`, { option_id: optionId }, headers)
  }
  return getStoreCart(api, store, created.id)
}

/** The cart as the store API shows it (its default fields include the payment sessions). */
export async function getStoreCart(api: any, store: Storefront, cartId: string) {
  const { data } = await api.get(`/store/carts/${cartId}`, storeHeaders(store))
  return data.cart
}

export interface StorePaymentSession {
  paymentCollectionId: string
  session: { id: string; provider_id: string; amount: number; data: Record<string, unknown> }
  /** the whole `payment_collection` the route answered */
  paymentCollection: any
}

/**
 * Creates the cart's payment collection (unless it has one) and a payment session with the given
 * provider and client data, through the store routes a storefront calls.
 */
export async function createStorePaymentSession(
  api: any,
  store: Storefront,
  cartId: string,
  providerId: string,
  data?: Record<string, unknown>,
): Promise<StorePaymentSession> {
  const headers = storeHeaders(store)
  const cart = await getStoreCart(api, store, cartId)
  const collectionId =
    cart.payment_collection?.id ??
    (await api.post("/store/payment-collections", { cart_id: cartId }, headers)).data
      .payment_collection.id
  return createSessionOnCollection(api, store, collectionId, providerId, data)
}

/** A payment session on an existing payment collection (a cart's or an order's). */
export async function createSessionOnCollection(
  api: any,
  store: Pick<Storefront, "publishableKey">,
  paymentCollectionId: string,
  providerId: string,
  data?: Record<string, unknown>,
): Promise<StorePaymentSession> {
  const body: Record<string, unknown> = { provider_id: providerId }
  if (data !== undefined) body.data = data
  const { data: response } = await api.post(
    `/store/payment-collections/${paymentCollectionId}/payment-sessions`,
    body,
    storeHeaders(store),
  )
  const collection = response.payment_collection
  const session = collection.payment_sessions.find((s: any) => s.provider_id === providerId)
  return { paymentCollectionId: collection.id, session, paymentCollection: collection }
}

/**
 * Completes the cart as the storefront's "Place order" does. Returns the route's answer:
 * `{ type: "order", order }`, or `{ type: "cart", cart, error }` when the payment is not done.
 */
export async function completeStoreCart(api: any, store: Storefront, cartId: string) {
  const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, storeHeaders(store))
  return data as { type: "order"; order: any } | { type: "cart"; cart: any; error: any }
}
