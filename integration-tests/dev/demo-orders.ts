/**
 * Demo orders: real orders of the dev store, paid through a gateway's sandbox and left in one
 * moment of a return's refund, made over HTTP the way a shopper and staff make them.
 *
 *   createDemoOrder(input: CreateDemoOrderInput): Promise<DemoOrder>
 *
 *   input.backendUrl     the running store, e.g. "http://localhost:9000"
 *   input.admin          { token } (POST /auth/user/emailpass) or { cookie } (an admin session)
 *   input.provider       e.g. "pp_multisafepay_klarna"
 *   input.state          "return_awaiting_refund" | "refund_pending" | "refund_failed"
 *                        | "dashboard_refund"
 *   input.shop?          the seeded shop (seedDemoStore's `shop`, or loadDemoShop); read from
 *                        the store's metadata when left out
 *   input.sandboxOrigin? the gateway's sandbox; default http://127.0.0.1:<its port variable,
 *                        e.g. MULTISAFEPAY_SANDBOX_PORT, or its default port>
 *   input.overrides?     changes to the gateway's demo order (items, returned, …)
 *
 * It resolves once the order is in its state (a declined refund or a dashboard refund is
 * reported to Medusa by the gateway's webhook, some seconds later), marked with the metadata
 * `{ demo_gateway, demo_state, demo_provider }`, e.g.
 *
 *   const order = await createDemoOrder({
 *     backendUrl, admin: { token }, provider: "pp_multisafepay_klarna",
 *     state: "return_awaiting_refund",
 *   })
 *   // order.orderId, order.displayId, order.returnId, order.paymentId, order.adminUrl
 *
 * What is bought, returned and how the sandbox is driven come from the gateway's descriptor
 * (`dev.demoOrders`, src/providers/<gateway>/descriptor.ts) and its sandbox's demo actions
 * (integration-tests/sandboxes/<gateway>/demo-actions.ts); the steps here are every gateway's:
 * store API checkout, the shopper's return when the gateway has one, fulfilment and capture,
 * an admin return requested and received, the plugin's POST /admin/line-refunds/returns/:id/refund.
 */
import path from "node:path"
import type {
  DemoOrderSpec,
  DemoProduct,
  DemoState,
  GatewayDescriptor,
} from "../../src/gateway-kit/descriptor"
import { descriptorOfProvider } from "../../src/gateway-kit/descriptors"
import type { LedgerRefundSeen, SandboxDemoActions } from "../sandboxes/kit/demo-actions"
import { controlClient, serialized } from "../sandboxes/kit/demo-actions"
import type { Storefront } from "../support/storefront-seed"
import {
  completeStoreCart,
  createStoreCart,
  createStorePaymentSession,
} from "../support/storefront-api"
import { DemoMarket, DemoShop, loadDemoShop } from "./demo-shop"
import {
  AdminApi,
  adminApi,
  AdminAuth,
  axiosLike,
  requestJson,
  storeHeaders,
  StoreConnection,
  StoreHttpError,
  waitUntil,
} from "./store-http"

export type { DemoState } from "../../src/gateway-kit/descriptor"
export type { AdminAuth } from "./store-http"

const REPO_ROOT = path.resolve(__dirname, "../..")

/** The order metadata that marks a demo order (what people and tests look for). */
export interface DemoOrderMetadata {
  /** the gateway's descriptor identifier, e.g. "multisafepay" */
  demo_gateway: string
  demo_state: DemoState
  /** e.g. "pp_multisafepay_klarna" */
  demo_provider: string
}

export interface CreateDemoOrderInput {
  backendUrl: string
  admin: AdminAuth
  provider: string
  state: DemoState
  shop?: DemoShop
  sandboxOrigin?: string
  overrides?: Partial<Omit<DemoOrderSpec, "provider" | "state">>
}

export interface DemoOrder {
  orderId: string
  displayId: number
  gateway: string
  provider: string
  state: DemoState
  cartId: string
  paymentId: string
  /** the received return (null for a dashboard refund) */
  returnId: string | null
  /** the gateway's order (its control API's id) */
  gatewayOrder: string
  /** the order's page in the admin */
  adminUrl: string
}

export async function createDemoOrder(input: CreateDemoOrderInput): Promise<DemoOrder> {
  const gateway = descriptorOfProvider(input.provider)
  if (!gateway) throw new Error(`${input.provider} is not a provider of this plugin's gateways`)
  const spec = { ...demoOrderSpec(gateway, input.provider, input.state), ...input.overrides }
  const store: StoreConnection = { backendUrl: input.backendUrl, admin: input.admin }
  const shop = input.shop ?? (await loadDemoShop(store))
  if (!shop) throw new Error("the store has no demo shop: boot `npm run dev` on an empty database")
  const market = shop.markets[spec.market]
  if (!market) throw new Error(`the demo shop does not sell in "${spec.market}"`)
  if (!market.paymentProviders.includes(input.provider)) {
    throw new Error(`the demo shop's ${market.name} region does not offer ${input.provider}`)
  }
  const actions = demoActionsOf(gateway)
  const control = controlClient(input.sandboxOrigin ?? defaultSandboxOrigin(gateway))
  const admin = adminApi(store)

  const placed = await placeOrder({
    store,
    provider: input.provider,
    gateway,
    spec,
    shop,
    market,
    actions,
    control,
  })
  await touchingStock(() =>
    admin.post(`/admin/orders/${placed.orderId}/fulfillments`, {
      items: placed.items,
      location_id: market.stockLocationId,
    }),
  )
  if (!placed.captured) await admin.post(`/admin/payments/${placed.paymentId}/capture`, {})

  let returnId: string | null = null
  if (spec.state === "dashboard_refund") {
    await actions.dashboardRefund(
      control,
      placed.gatewayOrder,
      spec.dashboardAmount ?? "10.00",
      market.currency,
    )
  } else {
    returnId = await receiveReturn(admin, placed, returned(spec), market.stockLocationId)
    if (spec.state !== "return_awaiting_refund") {
      await actions.keepingRefundPending(control, () =>
        admin.post(`/admin/line-refunds/returns/${returnId}/refund`, {
          include_shipping: !!spec.refundShipping,
          note: `Demo order: ${spec.state}`,
        }),
      )
    }
    if (spec.state === "refund_failed") {
      const pending = await ledgerRefund(admin, placed.orderId, (r) => r.status === "pending")
      await actions.declineRefund(
        control,
        placed.gatewayOrder,
        pending,
        spec.declineReason ?? `${gateway.name} declined the refund`,
      )
    }
  }
  await waitUntil(
    `order ${placed.orderId} to show "${spec.state}"`,
    async () => (await demoStateOf(admin, placed.orderId)) === spec.state,
  )
  const metadata: DemoOrderMetadata = {
    demo_gateway: gateway.identifier,
    demo_state: spec.state,
    demo_provider: input.provider,
  }
  const { order } = await admin.post(`/admin/orders/${placed.orderId}?fields=id,metadata`, {
    metadata,
  })
  if (order.metadata?.demo_state !== spec.state) throw new Error("the demo metadata was not kept")
  return {
    orderId: placed.orderId,
    displayId: placed.displayId,
    gateway: gateway.identifier,
    provider: input.provider,
    state: spec.state,
    cartId: placed.cartId,
    paymentId: placed.paymentId,
    returnId,
    gatewayOrder: placed.gatewayOrder,
    adminUrl: `${input.backendUrl}/app/orders/${placed.orderId}`,
  }
}

/**
 * The gateway's demo order for this provider and state: its own, else the gateway's order in
 * that state paid with this provider instead.
 */
export function demoOrderSpec(
  gateway: GatewayDescriptor,
  provider: string,
  state: DemoState,
): DemoOrderSpec {
  const orders = gateway.dev.demoOrders?.orders ?? []
  const suffix = provider.slice(`pp_${gateway.identifier}_`.length)
  const spec =
    orders.find((o) => o.provider === suffix && o.state === state) ??
    orders.find((o) => o.state === state)
  if (!spec) throw new Error(`${gateway.name} describes no demo order in state "${state}"`)
  return { ...spec, provider: suffix }
}

/** The sandbox demo actions a gateway's descriptor names (loaded here: src never loads tests). */
export function demoActionsOf(gateway: GatewayDescriptor): SandboxDemoActions {
  const module = gateway.dev.demoOrders?.actions
  if (!module) throw new Error(`${gateway.name} has no demo orders`)
  const { demoActions } = require(path.join(REPO_ROOT, module)) as {
    demoActions?: SandboxDemoActions
  }
  if (!demoActions) throw new Error(`${module} must export "demoActions"`)
  return demoActions
}

/** Where the dev store starts the gateway's sandbox (integration-tests/dev/gateway-sandboxes.js). */
export function defaultSandboxOrigin(gateway: GatewayDescriptor): string {
  const { portVariable, defaultPort } = gateway.dev.sandbox
  return `http://127.0.0.1:${process.env[portVariable] || defaultPort}`
}

const oneStockStepAtATime = serialized()

/**
 * Steps that move stock (placing the order reserves it, fulfilment takes it, a received return
 * puts it back) run one at a time in this process: Medusa locks each inventory item, and demo
 * orders of the same products made at once time out on those locks on a loaded machine. A step
 * Medusa failed with a 5xx was rolled back by its workflow, so it is tried again.
 */
function touchingStock<T>(step: () => Promise<T>): Promise<T> {
  return oneStockStepAtATime(async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await step()
      } catch (error) {
        if (!(error instanceof StoreHttpError && error.status >= 500) || attempt >= 3) throw error
        await new Promise((resolve) => setTimeout(resolve, 2000))
      }
    }
  })
}

interface PlacedOrder {
  orderId: string
  displayId: number
  cartId: string
  paymentId: string
  captured: boolean
  gatewayOrder: string
  /** the order's lines: id, quantity and which demo product */
  items: Array<{ id: string; quantity: number }>
  lines: Partial<Record<DemoProduct, { id: string; quantity: number }>>
}

/** The shopper's part: cart, payment session, paying at the sandbox, coming back, "Place order". */
async function placeOrder(context: {
  store: StoreConnection
  provider: string
  gateway: GatewayDescriptor
  spec: DemoOrderSpec
  shop: DemoShop
  market: DemoMarket
  actions: SandboxDemoActions
  control: ReturnType<typeof controlClient>
}): Promise<PlacedOrder> {
  const { gateway, spec, shop, market, actions, control } = context
  const { backendUrl } = context.store
  const api = axiosLike(backendUrl)
  const storefront = {
    publishableKey: shop.publishableKey,
    regionId: market.regionId,
    shippingOptionId: market.shippingOptionId,
    address: market.address,
  } as Storefront
  const cart = await createStoreCart(api, storefront, {
    email: `${spec.state.replace(/_/g, "-")}@demo.example.com`,
    items: (Object.entries(spec.items) as Array<[DemoProduct, number]>).map(
      ([product, quantity]) => ({ variant_id: shop.products[product].variantId, quantity }),
    ),
    promo_codes: spec.promotion && spec.items.book ? [market.promoCode] : [],
  })
  const { session } = await createStorePaymentSession(
    api,
    storefront,
    cart.id,
    context.provider,
    spec.sessionData,
  )
  const gatewayOrder = actions.gatewayOrderOf(session.data)
  const returnUrl = await actions.pay(control, gatewayOrder, spec.payment ?? {})
  if (gateway.capabilities.storefrontReturn && returnUrl) {
    // what the storefront's return page does with the query the gateway sent the shopper back with
    await requestJson(
      backendUrl,
      "POST",
      `/store/carts/${cart.id}/payment-return/${gateway.identifier}`,
      {
        body: Object.fromEntries(new URL(returnUrl).searchParams),
        headers: storeHeaders(shop.publishableKey),
      },
    )
  }
  const completed = await touchingStock(() => completeStoreCart(api, storefront, cart.id))
  if (completed.type !== "order") {
    throw new Error(`cart ${cart.id} was not completed: ${JSON.stringify(completed.error)}`)
  }
  const admin = adminApi(context.store)
  const { order } = await admin.get(
    `/admin/orders/${completed.order.id}?fields=id,display_id,*items,payment_collections.payments.id,payment_collections.payments.captured_at`,
  )
  const payment = order.payment_collections?.[0]?.payments?.[0]
  if (!payment) throw new Error(`order ${order.id} has no payment`)
  const lines: PlacedOrder["lines"] = {}
  for (const [product, { variantId }] of Object.entries(shop.products) as Array<
    [DemoProduct, { variantId: string }]
  >) {
    const item = order.items.find((i: any) => i.variant_id === variantId)
    if (item) lines[product] = { id: item.id, quantity: Number(item.quantity) }
  }
  return {
    orderId: order.id,
    displayId: order.display_id,
    cartId: cart.id,
    paymentId: payment.id,
    captured: !!payment.captured_at,
    gatewayOrder,
    items: order.items.map((i: any) => ({ id: i.id, quantity: Number(i.quantity) })),
    lines,
  }
}

function returned(spec: DemoOrderSpec): Partial<Record<DemoProduct, number>> {
  const units = spec.returned ?? {}
  if (!Object.values(units).some((quantity) => (quantity ?? 0) > 0)) {
    throw new Error(`a demo order in state "${spec.state}" needs returned units`)
  }
  return units
}

/** Staff request a return of these units and receive them back into the warehouse. */
async function receiveReturn(
  admin: AdminApi,
  placed: PlacedOrder,
  units: Partial<Record<DemoProduct, number>>,
  locationId: string,
): Promise<string> {
  const items = (Object.entries(units) as Array<[DemoProduct, number]>).map(
    ([product, quantity]) => {
      const line = placed.lines[product]
      if (!line || line.quantity < quantity) {
        throw new Error(`the demo order has fewer than ${quantity} × ${product} to return`)
      }
      return { id: line.id, quantity }
    },
  )
  const { return: created } = await admin.post("/admin/returns", {
    order_id: placed.orderId,
    location_id: locationId,
    description: "Demo return",
  })
  await admin.post(`/admin/returns/${created.id}/request-items`, { items })
  await admin.post(`/admin/returns/${created.id}/request`, {})
  await admin.post(`/admin/returns/${created.id}/receive`, {})
  await admin.post(`/admin/returns/${created.id}/receive-items`, { items })
  await touchingStock(() => admin.post(`/admin/returns/${created.id}/receive/confirm`, {}))
  return created.id
}

interface OrderLedger {
  returns: Array<{ id: string; amount_to_refund: string | null }>
  refunds: Array<
    LedgerRefundSeen & { source: string; failure_reason: string | null; refund_id: string | null }
  >
}

async function orderLedger(admin: AdminApi, orderId: string): Promise<OrderLedger> {
  return admin.get(`/admin/line-refunds/orders/${orderId}`)
}

async function ledgerRefund(
  admin: AdminApi,
  orderId: string,
  match: (refund: OrderLedger["refunds"][number]) => boolean,
) {
  const { refunds } = await orderLedger(admin, orderId)
  const found = refunds.find(match)
  if (!found) throw new Error(`order ${orderId} has no such refund: ${JSON.stringify(refunds)}`)
  return found
}

/**
 * Which demo state the order's ledger shows (GET /admin/line-refunds/orders/:id), or null: what
 * the dev store's check verifies, and what createDemoOrder waits for.
 */
export async function demoStateOf(admin: AdminApi, orderId: string): Promise<DemoState | null> {
  const { returns, refunds } = await orderLedger(admin, orderId)
  if (refunds.some((r) => r.source === "gateway_report" && r.status === "succeeded"))
    return "dashboard_refund"
  if (refunds.some((r) => r.status === "failed" && r.failure_reason)) return "refund_failed"
  if (refunds.some((r) => r.status === "pending")) return "refund_pending"
  if (refunds.length === 0 && returns.some((r) => r.amount_to_refund !== null))
    return "return_awaiting_refund"
  return null
}
