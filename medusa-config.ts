import path from "node:path"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import { checkRegistration, STORE_URL_VARIABLES } from "./src/gateway-kit/descriptor"
import { gatewayDescriptors } from "./src/gateway-kit/descriptors"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The app config of this repository's own store: `npm run dev` and the integration tests boot it
 * with the plugin loaded from `src`. A real store installs the package instead, see README.md.
 */
const isTest = process.env.NODE_ENV === "test"

// Payment providers of the dev/test store. The recording provider is a test double at the
// gateway edge and is only ever registered under test.
const paymentProviders: Array<{ resolve: string; id: string; options?: Record<string, unknown> }> =
  []
if (isTest) {
  paymentProviders.push({
    resolve: path.join(__dirname, "integration-tests/recording-provider"),
    id: "recording",
    options: {
      inDoubtWindowSeconds: Number(process.env.RECORDING_IN_DOUBT_WINDOW_SECONDS ?? 600),
    },
  })
}

// The plugin's gateways, each registered when its key is configured (src/providers/*/descriptor.ts
// says which variable, and how the environment maps to options). In development `npm run dev`
// starts each gateway's local sandbox and its storefront return page, and points the provider at
// them. Options are checked here with the provider's own parser, so a bad value stops the boot
// naming its environment variable ("MultiSafepay option apiUrl (from MULTISAFEPAY_API_URL): …").
const urls = {
  backendUrl:
    process.env[STORE_URL_VARIABLES.backendUrl] || `http://localhost:${process.env.PORT || 9000}`,
  storefrontUrl: process.env[STORE_URL_VARIABLES.storefrontUrl] || "http://localhost:8000",
}
for (const gateway of gatewayDescriptors()) {
  if (!process.env[gateway.dev.enabledBy]) continue
  const parser = optionParserOf(gateway.resolve)
  for (const registration of gateway.dev.providers(process.env, urls)) {
    checkRegistration(gateway, registration, parser)
    paymentProviders.push({
      resolve: gateway.resolve,
      id: registration.id,
      options: registration.options,
    })
  }
}

/** The static `parseOptions` of the provider service a gateway folder exports (Medusa's shape). */
function optionParserOf(resolve: string): (options: Record<string, unknown>) => unknown {
  const provider = require(resolve).default as {
    services: Array<{ parseOptions?: (options: Record<string, unknown>) => unknown }>
  }
  const service = provider.services.find((s) => typeof s.parseOptions === "function")
  if (!service) throw new Error(`${resolve} exports no provider service with parseOptions`)
  return (options) => service.parseOptions!(options)
}

/**
 * A production deployment (README "Running in production"): several servers and one worker share
 * PostgreSQL and Redis through Medusa's own Redis modules. With REDIS_URL set the store uses
 * them; each process's role comes from MEDUSA_WORKER_MODE (server / worker / shared), read by
 * Medusa itself. Without REDIS_URL everything stays in memory: one process only.
 */
const redisUrl = process.env.REDIS_URL
const redisModules = redisUrl
  ? [
      { resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
      { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl } } },
      {
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/locking-redis",
              id: "locking-redis",
              is_default: true,
              options: { redisUrl },
            },
          ],
        },
      },
    ]
  : []

module.exports = defineConfig({
  admin: {
    // a worker serves no admin; servers behind a load balancer may serve a prebuilt one elsewhere
    disable:
      process.env.DISABLE_MEDUSA_ADMIN === "true" || process.env.MEDUSA_WORKER_MODE === "worker",
  },
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:9000",
      authCors: process.env.AUTH_CORS || "http://localhost:9000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  modules: [
    {
      resolve: "./src/modules/line-refunds",
      options: {
        autoRefundOnReturnReceived: process.env.LINE_REFUNDS_AUTO_REFUND === "true",
        ...(process.env.LINE_REFUNDS_RECONCILE_SCHEDULE && {
          reconcilePendingSchedule: process.env.LINE_REFUNDS_RECONCILE_SCHEDULE,
        }),
      },
    },
    {
      resolve: "@medusajs/medusa/payment",
      options: { providers: paymentProviders },
    },
    ...redisModules,
  ],
})
