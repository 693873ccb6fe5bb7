import path from "node:path"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

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
  })
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
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
      },
    },
    {
      resolve: "@medusajs/medusa/payment",
      options: { providers: paymentProviders },
    },
  ],
})
