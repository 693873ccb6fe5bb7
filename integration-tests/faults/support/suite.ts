import { runInThisContext } from "node:vm"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../../support/admin-api"
import { receiveReturn } from "../../support/seed-order"
import { Storefront } from "../../support/storefront-seed"
import { FaultsGateway, GatewayDefinition } from "./gateways"
import {
  FuzzFixtures,
  fuzzOrder,
  fuzzRoute,
  PLUGIN_ROUTE_BODIES_PER_APP,
  pluginRouteFuzz,
  storeReturnFuzz,
  STORE_RETURN_BODIES,
  WEBHOOK_BODIES,
} from "./fuzz"
import { MatrixResult, matrixRows, runFaultMatrix } from "./matrix"
import { seedShops } from "./shops"
import { BackgroundWork, trackBackgroundWork } from "./quiet"
import { ResultRow, SuiteResults } from "./results"

/** The fuzz seed when FAULTS_SEED is not set: fixed, so every run fuzzes the same bodies. */
export const DEFAULT_FAULTS_SEED = 20_260_101

/** The plugin routes every gateway's app fuzzes (their share of the bodies each). */
export const PLUGIN_ROUTES = [
  "POST /admin/payments/:id/refund",
  "POST /admin/line-refunds/returns/:id/refund",
  "POST /admin/line-refunds/orders/:id/refund",
  "POST /admin/line-refunds/orders/:id/refund-preview",
  "GET /admin/line-refunds/orders/:id",
]
export const STORE_RETURN_ROUTE = "POST /store/carts/:id/payment-return/:gateway"

const VERBOSE = process.env.FAULTS_VERBOSE === "1"
if (!VERBOSE) {
  // boot noise (migration notes, pg's deprecation of concurrent client queries)
  console.info = () => undefined
  // pg's notice about concurrent client queries, printed once per worker: jest's `process` is a
  // copy, and Node reads the flag on the worker's own process object
  const realProcess = runInThisContext("process") as { noDeprecation?: boolean }
  realProcess.noDeprecation = true
}

/**
 * The Medusa logger, captured: the faults make the plugin log errors on purpose (a refund in
 * doubt, an automatic refund that did not happen). Kept for the failure report, printed only
 * with FAULTS_VERBOSE=1.
 */
function captureLogs(container: MedusaContainer): string[] {
  const captured: string[] = []
  if (VERBOSE) return captured
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER) as unknown as Record<
    string,
    unknown
  >
  for (const level of ["error", "warn"]) {
    logger[level] = (...args: unknown[]) => {
      captured.push(
        `${level}: ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ")}`,
      )
      if (captured.length > 200) captured.shift()
    }
  }
  for (const level of ["info", "log", "http", "verbose", "debug", "silly"]) {
    logger[level] = () => undefined
  }
  return captured
}

/**
 * One faults suite file: the sandboxes of its gateways and one Medusa app (both providers
 * registered), then one test: a shop per gateway, the fault matrix of all its gateways at once,
 * and, one gateway after the other, the fuzzed batches aimed at orders the matrix left settled.
 * It writes its rows for the teardown's table. The test fails only when it could not measure;
 * the counts themselves are judged by report-faults.js.
 */
export function faultsSuite(suite: string, definitions: Array<GatewayDefinition<any>>): void {
  jest.setTimeout(20 * 60_000)
  const seed = Number(process.env.FAULTS_SEED || DEFAULT_FAULTS_SEED)
  const results = new SuiteResults(suite)
  const sandboxes = definitions.map((definition) => definition.useSandbox().sandbox)

  medusaIntegrationTestRunner({
    testSuite: ({ api, getContainer }) => {
      let admin: { headers: Record<string, string> }
      const stores: Storefront[] = []
      let work: BackgroundWork
      let logs: string[] = []
      const gateways: FaultsGateway[] = []

      beforeAll(async () => {
        try {
          await setUp()
        } catch (error) {
          results.error(`the suite could not set up: ${(error as Error).message}`)
          throw error
        }
      })

      async function setUp() {
        logs = captureLogs(getContainer())
        work = trackBackgroundWork(getContainer())
        // in the database template: every test has them
        admin = await adminHeaders(getContainer())
        definitions.forEach((definition, i) => {
          gateways.push(
            definition.build({
              api,
              getContainer,
              sandbox: sandboxes[i],
              admin: () => admin,
              store: () => {
                if (!stores[i]) throw new Error(`no ${definition.name} shop seeded`)
                return stores[i]
              },
            }),
          )
        })
        results.mark("boot")
        results.setSeed(seed)
        const fuzzRow = (gatewayName: string, entry: string) => ({
          kind: "fuzz" as const,
          gateway: gatewayName,
          entry,
          fault: "fuzz",
        })
        results.expect(
          gateways.flatMap((gateway) => [
            ...matrixRows(gateway),
            ...gateway.webhookRoutes.map((route) => fuzzRow(gateway.name, route)),
            ...PLUGIN_ROUTES.map((route) => fuzzRow("plugin", route)),
            ...(gateway.pendingStoreReturn ? [fuzzRow("plugin", STORE_RETURN_ROUTE)] : []),
          ]),
        )
      }

      afterAll(() => results.close())

      // One test: the runner empties the database between tests, and the gateways' cases run
      // side by side in one app, each gateway in a shop of its own.
      it(`${definitions.map((d) => d.name).join(" and ")}: every sandbox fault × every entry point, then fuzzed bodies`, async () => {
        const mark = (phase: string) => results.mark(phase)
        try {
          definitions.forEach((definition, i) => definition.prepare(sandboxes[i]()))
          // the shopper every checkout names, created once, so that concurrent checkouts do
          // not race to create the same guest customer
          await getContainer()
            .resolve(Modules.CUSTOMER)
            .createCustomers({ email: "sam@example.com", has_account: false })
          stores.push(
            ...(await seedShops(
              getContainer(),
              definitions.map((d) => ({ tag: d.name, options: d.storefront })),
            )),
          )
          mark("shops seeded")
          const matrix = await runFaultMatrix(gateways, {
            api,
            getContainer,
            admin: () => admin,
            work,
            mark,
          })
          for (const gateway of gateways) results.add(matrix.get(gateway)!.rows)
          // fuzzing one gateway at a time: a batch is judged by every row of the database
          for (const gateway of gateways) {
            results.add(
              await fuzz(gateway, matrix.get(gateway)!, (phase) =>
                mark(`${gateway.name} ${phase}`),
              ),
            )
          }
          results.finish()
        } catch (error) {
          const e = error as Error
          results.error(`${e.message}\n${logs.slice(-20).join("\n")}`)
          throw error
        }
      })

      async function fuzz(
        gateway: FaultsGateway,
        matrix: MatrixResult,
        mark: (phase: string) => void,
      ): Promise<ResultRow[]> {
        const fixtures = await fuzzFixtures(gateway, matrix)
        mark("fuzz: fixtures")
        const context = { api, getContainer, work, gateway, fixtures, seed }
        const rows: ResultRow[] = []
        for (const webhook of gateway.webhookFuzz(fixtures.orders)) {
          rows.push(await fuzzRoute(context, { ...webhook, gateway: gateway.name }, WEBHOOK_BODIES))
          mark(`fuzz: ${webhook.route}`)
        }
        for (const route of pluginRouteFuzz(fixtures)) {
          rows.push(
            await fuzzRoute(context, { ...route, gateway: "plugin" }, PLUGIN_ROUTE_BODIES_PER_APP),
          )
          mark(`fuzz: ${route.route}`)
        }
        if (fixtures.opttyReturn) {
          rows.push(
            await fuzzRoute(
              context,
              { ...storeReturnFuzz(fixtures), gateway: "plugin" },
              STORE_RETURN_BODIES,
            ),
          )
          mark(`fuzz: ${STORE_RETURN_ROUTE}`)
        }
        return rows
      }

      /**
       * What fuzzing aims at, from orders the matrix left settled (in step with the gateway): one
       * with a return just received and not refunded yet, one with refunds, and, for Optty, a
       * cart whose shopper has not come back from Optty yet.
       */
      async function fuzzFixtures(
        gateway: FaultsGateway,
        matrix: MatrixResult,
      ): Promise<FuzzFixtures> {
        const clean = matrix.orders.filter((o) => o.clean).map((o) => o.order)
        const [returned, refunded] = clean.length >= 2 ? clean : matrix.orders.map((o) => o.order)
        const returnId = await receiveReturn(api, admin, returned.orderId, [
          { id: returned.lines.Mug, quantity: 1 },
        ])
        const orders = [
          await fuzzOrder(api, admin, returned, [returnId]),
          await fuzzOrder(api, admin, refunded, []),
        ]
        const fixtures: FuzzFixtures = {
          orders,
          currency: gateway.currency,
          publishableKey: gateway.store().publishableKey,
          admin,
        }
        if (gateway.pendingStoreReturn) fixtures.opttyReturn = await gateway.pendingStoreReturn()
        await work.idle({ also: gateway.settleNotifications })
        return fixtures
      }
    },
  })
}
