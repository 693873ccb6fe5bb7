/**
 * The dev store's demo: the shop (demo-shop.ts) and every gateway's demo orders
 * (demo-orders.ts), seeded once into an empty store. Callable from any process that can reach a
 * running store:
 *
 *   seedDemoStore({ backendUrl, admin: { token }, sandboxes?, concurrency?, log? })
 *     → { seeded, shop, orders }
 *   listDemoOrders({ backendUrl, admin }) → the orders marked with demo metadata
 *   verifyDemoOrders({ backendUrl, admin }, expected?) → the same, each checked to be in its state
 *
 * `sandboxes` maps a gateway identifier to its sandbox origin; when given, only those gateways
 * get demo orders (a gateway running against its real test API has none). Without it every
 * gateway with demo orders and registered providers gets them, at its default sandbox origin.
 */
import { DemoState, GatewayDescriptor, providerIds } from "../../src/gateway-kit/descriptor"
import { gatewayDescriptors } from "../../src/gateway-kit/descriptors"
import {
  createDemoOrder,
  defaultSandboxOrigin,
  DemoOrder,
  DemoOrderMetadata,
  demoStateOf,
} from "./demo-orders"
import { DemoShop, isEmptyStore, loadDemoShop, seedDemoShop } from "./demo-shop"
import { AdminAuth, adminApi, StoreConnection } from "./store-http"

export interface SeedDemoStoreInput {
  backendUrl: string
  admin: AdminAuth
  sandboxes?: Record<string, string>
  /** demo orders made at once (default 4) */
  concurrency?: number
  log?: (line: string) => void
}

export interface SeedDemoStoreResult {
  /** false when the store already had products or orders: nothing was made */
  seeded: boolean
  /** the demo shop (null in a store seeded by something else) */
  shop: DemoShop | null
  /** the demo orders made now */
  orders: DemoOrder[]
}

export interface ListedDemoOrder extends DemoOrderMetadata {
  orderId: string
  displayId: number
}

/** One demo order to make: a gateway's descriptor entry. */
interface PlannedOrder {
  gateway: GatewayDescriptor
  provider: string
  state: DemoState
  sandboxOrigin: string
}

export async function seedDemoStore(input: SeedDemoStoreInput): Promise<SeedDemoStoreResult> {
  const store: StoreConnection = { backendUrl: input.backendUrl, admin: input.admin }
  const log = input.log ?? (() => undefined)
  if (!(await isEmptyStore(store))) {
    return { seeded: false, shop: await loadDemoShop(store), orders: [] }
  }
  const shop = await seedDemoShop(store)
  const markets = Object.values(shop.markets)
  log(`demo shop: ${markets.map((m) => `${m.name} (${m.currency.toUpperCase()})`).join(", ")}`)

  const planned = await plannedOrders(store, input.sandboxes)
  const orders = await inBatches(planned, input.concurrency ?? 4, (plan) =>
    createDemoOrder({
      backendUrl: input.backendUrl,
      admin: input.admin,
      shop,
      provider: plan.provider,
      state: plan.state,
      sandboxOrigin: plan.sandboxOrigin,
    }),
  )
  return { seeded: true, shop, orders: orders.sort((a, b) => a.displayId - b.displayId) }
}

/** Every gateway's demo orders whose provider is registered and whose sandbox is known. */
async function plannedOrders(
  store: StoreConnection,
  sandboxes: Record<string, string> | undefined,
): Promise<PlannedOrder[]> {
  const { payment_providers } = await adminApi(store).get(
    "/admin/payments/payment-providers?limit=100",
  )
  const registered = new Set(payment_providers.map((p: { id: string }) => p.id))
  const planned: PlannedOrder[] = []
  for (const gateway of gatewayDescriptors()) {
    const demo = gateway.dev.demoOrders
    if (!demo) continue
    const sandboxOrigin = sandboxes ? sandboxes[gateway.identifier] : defaultSandboxOrigin(gateway)
    if (!sandboxOrigin) continue
    for (const spec of demo.orders) {
      const [provider] = providerIds(gateway, [{ id: spec.provider, options: {} }])
      if (registered.has(provider))
        planned.push({ gateway, provider, state: spec.state, sandboxOrigin })
    }
  }
  return planned
}

/** Runs `make` over `items`, at most `size` at a time; fails with the first failure. */
async function inBatches<T, R>(
  items: T[],
  size: number,
  make: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = []
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]
      results.push(await make(item))
    }
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker))
  return results
}

/** The orders marked with demo metadata, by display id. */
export async function listDemoOrders(store: StoreConnection): Promise<ListedDemoOrder[]> {
  const admin = adminApi(store)
  const found: ListedDemoOrder[] = []
  for (let offset = 0; ; offset += 100) {
    const { orders, count } = await admin.get(
      `/admin/orders?fields=id,display_id,metadata&order=display_id&limit=100&offset=${offset}`,
    )
    for (const order of orders) {
      const metadata = order.metadata ?? {}
      if (typeof metadata.demo_state !== "string") continue
      found.push({
        orderId: order.id,
        displayId: order.display_id,
        demo_gateway: metadata.demo_gateway,
        demo_state: metadata.demo_state,
        demo_provider: metadata.demo_provider,
      })
    }
    if (offset + 100 >= count) break
  }
  return found
}

/**
 * Checks that every demo order is in the state its metadata says (from the plugin's ledger), and
 * that each `expected` gateway/state pair has one. Resolves to the demo orders.
 */
export async function verifyDemoOrders(
  store: StoreConnection,
  expected: Array<{ gateway: string; state: DemoState }> = [],
): Promise<ListedDemoOrder[]> {
  const admin = adminApi(store)
  const orders = await listDemoOrders(store)
  const problems: string[] = []
  for (const order of orders) {
    const state = await demoStateOf(admin, order.orderId)
    if (state !== order.demo_state)
      problems.push(`#${order.displayId} is marked ${order.demo_state} but shows ${state}`)
  }
  for (const { gateway, state } of expected) {
    if (!orders.some((o) => o.demo_gateway === gateway && o.demo_state === state))
      problems.push(`no ${gateway} demo order in state ${state}`)
  }
  if (problems.length) throw new Error(`demo orders: ${problems.join("; ")}`)
  return orders
}
