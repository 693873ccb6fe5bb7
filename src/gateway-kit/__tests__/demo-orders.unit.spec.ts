import { existsSync } from "node:fs"
import path from "node:path"
import { currencyExponent } from "../../core/money"
import { DEMO_STATES, DemoProduct, providerIds } from "../descriptor"
import { gatewayDescriptors } from "../descriptors"

const REPO_ROOT = path.join(__dirname, "..", "..", "..")
const PRODUCTS: readonly DemoProduct[] = ["shirt", "mug", "book"]
const URLS = { backendUrl: "http://localhost:9000", storefrontUrl: "http://localhost:8000" }

/**
 * The demo orders a descriptor describes are ones the dev store can make
 * (integration-tests/dev/demo-orders.ts): read here as data only, nothing of the tests is loaded.
 */
describe("gateway descriptors' demo orders", () => {
  const withDemo = gatewayDescriptors().filter((d) => d.dev.demoOrders)

  it("come from every gateway, in every state, with sandbox actions in its sandbox's folder", () => {
    expect(withDemo.map((d) => d.identifier)).toEqual(gatewayDescriptors().map((d) => d.identifier))
    for (const descriptor of withDemo) {
      const demo = descriptor.dev.demoOrders!
      expect(demo.actions).toBe(
        `integration-tests/sandboxes/${descriptor.identifier}/demo-actions.ts`,
      )
      expect(existsSync(path.join(REPO_ROOT, demo.actions))).toBe(true)
      expect([...new Set(demo.orders.map((o) => o.state))].sort()).toEqual([...DEMO_STATES].sort())
    }
  })

  it("are paid with a registered provider, in a market of the gateway, with what can come back", () => {
    for (const descriptor of withDemo) {
      const env = descriptor.dev.sandbox.env("http://127.0.0.1:4999")
      const registered = providerIds(descriptor, descriptor.dev.providers(env, URLS))
      const countries = descriptor.capabilities.markets.map((m) => m.country)
      for (const order of descriptor.dev.demoOrders!.orders) {
        expect(registered).toContain(`pp_${descriptor.identifier}_${order.provider}`)
        expect(countries).toContain(order.market)
        const bought = Object.entries(order.items)
        expect(bought.length).toBeGreaterThan(0)
        for (const [product, quantity] of bought) {
          expect(PRODUCTS).toContain(product)
          expect(Number.isInteger(quantity) && quantity! > 0).toBe(true)
        }
        if (order.state === "dashboard_refund") {
          // a decimal with the market currency's decimals: "10.00" EUR, "1000" JPY
          const market = descriptor.capabilities.markets.find((m) => m.country === order.market)!
          const decimals = currencyExponent(market.currency)
          expect(order.dashboardAmount).toMatch(
            decimals ? new RegExp(`^\\d+\\.\\d{${decimals}}$`) : /^\d+$/,
          )
          continue
        }
        const returned = Object.entries(order.returned ?? {})
        expect(returned.length).toBeGreaterThan(0)
        for (const [product, quantity] of returned) {
          expect(quantity).toBeLessThanOrEqual(order.items[product as DemoProduct] ?? 0)
        }
        if (order.state === "return_awaiting_refund") {
          // a return of several lines, with the shipping still to refund
          expect(returned.length).toBeGreaterThanOrEqual(2)
        }
        if (order.state === "refund_failed") expect(order.declineReason).toBeTruthy()
      }
    }
  })

  it("never refund a whole order: the ledger route shows the refunds of a payment left to refund", () => {
    for (const descriptor of withDemo) {
      for (const order of descriptor.dev.demoOrders!.orders) {
        if (!order.refundShipping) continue
        const bought = Object.values(order.items).reduce((sum, q) => sum + (q ?? 0), 0)
        const back = Object.values(order.returned ?? {}).reduce((sum, q) => sum + (q ?? 0), 0)
        expect(back).toBeLessThan(bought)
      }
    }
  })
})
