import Medusa, { FetchError } from "@medusajs/js-sdk"
import { HttpTypes, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { Storefront } from "./storefront-seed"

/**
 * Medusa's official JS SDK (`@medusajs/js-sdk`) pointed at the booted test app, as a storefront
 * and the admin dashboard use it: real HTTP through the SDK's own fetch, headers and errors.
 * `baseUrl` is the runner's server, e.g. `api.defaults.baseURL`.
 */

/** Quiet: the SDK logs nothing unless `debug`, but keep its errors out of the test output too. */
const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} }

/**
 * The SDK a storefront builds: the shop's publishable key on every request, the customer's token
 * kept in memory once logged in (outside a browser the SDK's default is to store none).
 */
export function storefrontSdk(
  baseUrl: string,
  store: Pick<Storefront, "publishableKey"> | { publishableKey?: string },
): Medusa {
  return new Medusa({
    baseUrl,
    publishableKey: store.publishableKey,
    auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
    logger: quiet,
  })
}

export interface Shopper {
  email: string
  password: string
  first_name: string
  last_name: string
}

/**
 * Registers a customer the way a storefront's sign-up page does (register the email/password
 * identity, create the customer with that token, log in), and returns the customer: from then
 * on `sdk` acts for them, so carts it creates belong to them.
 */
export async function registerCustomer(
  sdk: Medusa,
  shopper: Shopper,
): Promise<HttpTypes.StoreCustomer> {
  await sdk.auth.register("customer", "emailpass", {
    email: shopper.email,
    password: shopper.password,
  })
  await sdk.store.customer.create({
    email: shopper.email,
    first_name: shopper.first_name,
    last_name: shopper.last_name,
  })
  const login = await sdk.auth.login("customer", "emailpass", {
    email: shopper.email,
    password: shopper.password,
  })
  if (typeof login !== "string") throw new Error(`login not complete: ${JSON.stringify(login)}`)
  return (await sdk.store.customer.retrieve()).customer
}

export interface SdkCheckoutInput {
  items: Array<{ variant_id: string; quantity: number }>
  provider_id: string
  /** the payment session's client data, e.g. `{ bnpl_provider: "KLARNA_AU" }` */
  data?: Record<string, unknown>
  promo_codes?: string[]
  /** for a guest; a logged-in customer's cart takes their email */
  email?: string
}

/**
 * A checkout through the SDK's store API as a storefront runs it: cart, one line item at a time,
 * promotion, the shipping option the store offers for the cart, the payment providers of the
 * region, and a payment session. Returns the cart (as the store API shows it after the session
 * was made) and the session.
 */
export async function sdkCheckout(sdk: Medusa, store: Storefront, input: SdkCheckoutInput) {
  const { cart: created } = await sdk.store.cart.create({
    region_id: store.regionId,
    ...(input.email ? { email: input.email } : {}),
    shipping_address: store.address,
    billing_address: store.address,
  })
  for (const item of input.items) await sdk.store.cart.createLineItem(created.id, item)
  if (input.promo_codes?.length) {
    await sdk.store.cart.addPromotions(created.id, { promo_codes: input.promo_codes })
  }
  const { shipping_options } = await sdk.store.fulfillment.listCartOptions({
    cart_id: created.id,
  })
  const option = shipping_options.find((o) => o.id === store.shippingOptionId)
  if (!option) throw new Error(`the store does not offer ${store.shippingOptionId} for the cart`)
  const { cart } = await sdk.store.cart.addShippingMethod(created.id, { option_id: option.id })

  const { payment_providers } = await sdk.store.payment.listPaymentProviders({
    region_id: store.regionId,
  })
  if (!payment_providers.some((p) => p.id === input.provider_id)) {
    throw new Error(`the region does not offer ${input.provider_id}`)
  }
  const { payment_collection } = await sdk.store.payment.initiatePaymentSession(cart, {
    provider_id: input.provider_id,
    ...(input.data ? { data: input.data } : {}),
  })
  const session = payment_collection.payment_sessions?.find(
    (s) => s.provider_id === input.provider_id,
  )
  if (!session)
    throw new Error(`no ${input.provider_id} session: ${JSON.stringify(payment_collection)}`)
  return {
    cart: (await sdk.store.cart.retrieve(cart.id)).cart,
    session: session as HttpTypes.StorePaymentSession & { data: Record<string, any> },
  }
}

/** "Place order": the SDK's cart completion; fails unless an order was placed. */
export async function sdkPlaceOrder(sdk: Medusa, cartId: string): Promise<HttpTypes.StoreOrder> {
  const completed = await sdk.store.cart.complete(cartId)
  if (completed.type !== "order") {
    throw new Error(`cart not completed: ${JSON.stringify(completed)}`)
  }
  return completed.order
}

/**
 * `POST /store/returns`: the SDK 2.21.2 has no method for it (`sdk.store` has no `return`), so a
 * storefront calls it with `sdk.client.fetch`, which still adds the publishable key. The route
 * needs no customer login, and with `receive_now: true` Medusa receives the return at once and
 * emits `order.return_received` with no staff user involved (docs/medusa.md#who-received-a-return).
 */
export async function sdkCreateReturn(
  sdk: Medusa,
  body: HttpTypes.StoreCreateReturn,
): Promise<HttpTypes.StoreReturn> {
  const { return: created } = await sdk.client.fetch<HttpTypes.StoreReturnResponse>(
    "/store/returns",
    { method: "POST", body },
  )
  return created
}

/** The store's return reasons as the storefront lists them (`GET /store/return-reasons`). */
export async function sdkReturnReasons(sdk: Medusa): Promise<HttpTypes.StoreReturnReason[]> {
  const { return_reasons } =
    await sdk.client.fetch<HttpTypes.StoreReturnReasonListResponse>("/store/return-reasons")
  return return_reasons
}

/** What a call through the SDK threw: its FetchError's status and message (or a failed test). */
export async function sdkError(
  call: Promise<unknown>,
): Promise<{ status: number | undefined; statusText: string | undefined; message: string }> {
  try {
    await call
  } catch (error) {
    if (error instanceof FetchError) {
      return { status: error.status, statusText: error.statusText, message: error.message }
    }
    throw error
  }
  throw new Error("the call succeeded; an error was expected")
}

/**
 * A staff member with an email and password (as `medusa user -e … -p …` creates one), logged in
 * to the SDK's admin API as the admin dashboard does.
 */
export async function staffSdk(
  container: MedusaContainer,
  baseUrl: string,
  staff = { email: "staff@line-refunds.test", password: "warehouse-secret" },
): Promise<Medusa> {
  const [user] = await container.resolve(Modules.USER).createUsers([{ email: staff.email }])
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email: staff.email, password: staff.password },
  })
  if (error || !authIdentity) throw new Error(`staff identity not created: ${error}`)
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
  const sdk = new Medusa({
    baseUrl,
    auth: { type: "jwt", jwtTokenStorageMethod: "memory" },
    logger: quiet,
  })
  const login = await sdk.auth.login("user", "emailpass", staff)
  if (typeof login !== "string") throw new Error(`login not complete: ${JSON.stringify(login)}`)
  return sdk
}

/**
 * What a store needs before shoppers can return by themselves, made through the admin API: a
 * return reason, and a free return shipping option in the zone (and so the warehouse) of the
 * store's outbound option, with the same shipping profile.
 */
export async function seedSelfServiceReturns(admin: Medusa, store: Storefront) {
  const { return_reason } = await admin.admin.returnReason.create({
    value: "wrong_size",
    label: "Wrong size",
  })
  const { shipping_option: outbound } = await admin.admin.shippingOption.retrieve(
    store.shippingOptionId,
  )
  const { shipping_option: returnOption } = await admin.admin.shippingOption.create({
    name: "Free return",
    service_zone_id: outbound.service_zone_id,
    shipping_profile_id: outbound.shipping_profile_id,
    provider_id: "manual_manual",
    price_type: "flat",
    type: { label: "Return", description: "Drop off at a parcel point", code: "return" },
    prices: [{ currency_code: store.currencyCode, amount: 0 }],
    rules: [
      { attribute: "enabled_in_store", value: "true", operator: "eq" },
      { attribute: "is_return", value: "true", operator: "eq" },
    ],
  })
  return { returnReasonId: return_reason.id, returnShippingOptionId: returnOption.id }
}

/**
 * Staff receive a return at the warehouse through the SDK's admin API: start the receipt, the
 * units that arrived, confirm (Medusa then emits `order.return_received`).
 */
export async function sdkReceiveReturn(
  admin: Medusa,
  returnId: string,
  items: Array<{ id: string; quantity: number }>,
): Promise<void> {
  await admin.admin.return.initiateReceive(returnId, {})
  await admin.admin.return.receiveItems(returnId, { items })
  await admin.admin.return.confirmReceive(returnId, {})
}
