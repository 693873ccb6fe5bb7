/**
 * What `npm run dev` does with the demo once Medusa answers (start-dev-store.js): seeds it into
 * an empty store, checks it under `--check`, and writes the boot log.
 */
import { DemoState } from "../../src/gateway-kit/descriptor"
import { descriptorOf } from "../../src/gateway-kit/descriptors"
import { storefrontKey } from "./demo-shop"
import { ListedDemoOrder, listDemoOrders, seedDemoStore, verifyDemoOrders } from "./demo-store"
import { StoreConnection } from "./store-http"

export interface StartedSandbox {
  identifier: string
  name: string
  origin: string
  controlPage: string
}

export interface DemoAtBoot {
  /** whether it was seeded now (the store was empty) */
  seeded: boolean
  seedMs: number
  orders: ListedDemoOrder[]
}

export async function prepareDemo(input: {
  store: StoreConnection
  sandboxes: StartedSandbox[]
  /** check every demo order seeded now is in its state (`--check`) */
  verify: boolean
  log: (line: string) => void
}): Promise<DemoAtBoot> {
  const started = Date.now()
  const result = await seedDemoStore({
    ...input.store,
    sandboxes: Object.fromEntries(input.sandboxes.map((s) => [s.identifier, s.origin])),
    log: input.log,
  })
  const seedMs = Date.now() - started
  if (!result.seeded) return { seeded: false, seedMs, orders: await listDemoOrders(input.store) }
  const expected = result.orders.map((o) => ({ gateway: o.gateway, state: o.state as DemoState }))
  const orders = input.verify
    ? await verifyDemoOrders(input.store, expected)
    : await listDemoOrders(input.store)
  return { seeded: true, seedMs, orders }
}

export { storefrontKey }

/** The lines printed once the dev store is ready. */
export function bootLog(input: {
  backendUrl: string
  email: string
  password: string
  storefrontUrl: string | null
  sandboxes: StartedSandbox[]
  demo: DemoAtBoot | null
}): string {
  const lines = [
    "",
    "[dev-store] READY",
    `  admin:        ${input.backendUrl}/app`,
    `  login:        ${input.email} / ${input.password}`,
  ]
  if (input.storefrontUrl) {
    lines.push(`  storefront:   ${input.storefrontUrl} (the gateways send shoppers back here)`)
  }
  input.sandboxes.forEach((sandbox, index) => {
    const label = index === 0 ? "  sandboxes:    " : "                "
    lines.push(`${label}${sandbox.name.padEnd(13)} ${sandbox.controlPage}`)
  })
  const orders = input.demo?.orders ?? []
  if (!input.demo) {
    lines.push("  demo orders:  seeding failed (see above; `npm run dev -- --reset` starts over)")
  } else if (orders.length === 0) {
    lines.push("  demo orders:  none (the database was not empty; `npm run dev -- --reset` seeds)")
  }
  orders.forEach((order, index) => {
    const label = index === 0 ? "  demo orders:  " : "                "
    const gateway = descriptorOf(order.demo_gateway)?.name ?? order.demo_gateway
    lines.push(
      `${label}#${String(order.displayId).padEnd(4)} ${gateway.padEnd(13)} ` +
        `${order.demo_state.padEnd(23)} ${order.demo_provider}`,
    )
  })
  lines.push("")
  return lines.join("\n")
}
