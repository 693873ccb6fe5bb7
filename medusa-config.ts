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
    options: {
      inDoubtWindowSeconds: Number(process.env.RECORDING_IN_DOUBT_WINDOW_SECONDS ?? 600),
    },
  })
}

// MultiSafepay, registered when an API key is configured. In development `npm run dev` points it
// at the local sandbox; a real store sets MULTISAFEPAY_API_KEY and MULTISAFEPAY_ENVIRONMENT.
const backendUrl = process.env.MEDUSA_BACKEND_URL || `http://localhost:${process.env.PORT || 9000}`
const storefrontUrl = process.env.STOREFRONT_URL || "http://localhost:8000"
if (process.env.MULTISAFEPAY_API_KEY) {
  const multiSafepay = (id: string, options: Record<string, unknown> = {}) => ({
    resolve: path.join(__dirname, "src/providers/multisafepay"),
    id,
    options: {
      apiKey: process.env.MULTISAFEPAY_API_KEY,
      environment: process.env.MULTISAFEPAY_ENVIRONMENT || "test",
      ...(process.env.MULTISAFEPAY_API_URL ? { apiUrl: process.env.MULTISAFEPAY_API_URL } : {}),
      ...(process.env.MULTISAFEPAY_TIMEOUT_MS
        ? { timeoutMs: Number(process.env.MULTISAFEPAY_TIMEOUT_MS) }
        : {}),
      ...(process.env.MULTISAFEPAY_IN_DOUBT_WINDOW_SECONDS
        ? { inDoubtWindowSeconds: Number(process.env.MULTISAFEPAY_IN_DOUBT_WINDOW_SECONDS) }
        : {}),
      notificationUrl: `${backendUrl}/hooks/payment/multisafepay_${id}`,
      redirectUrl: `${storefrontUrl}/checkout/multisafepay/return`,
      cancelUrl: `${storefrontUrl}/checkout`,
      ...options,
    },
  })
  paymentProviders.push(
    // the shopper picks on MultiSafepay's page, or the storefront passes data.gateway (e.g. IDEAL)
    multiSafepay("multisafepay", { manualCapture: false }),
    // pay-later methods as their own payment options, with the cart sent server-side
    multiSafepay("klarna", { gateway: "KLARNA" }),
    multiSafepay("payafterdelivery", {
      gateway: "BNPL_MF",
      refundConventions: { BNPL_MF: "negative_quantity" },
    }),
  )
}

// Optty, registered when API credentials are configured (`npm run dev` points it at the local
// sandbox). OPTTY_BNPL_PROVIDER fixes the method; without it the storefront passes
// data.bnpl_provider, limited to OPTTY_ALLOWED_BNPL_PROVIDERS (comma-separated) when set.
if (process.env.OPTTY_CLIENT_ID) {
  const allowed = process.env.OPTTY_ALLOWED_BNPL_PROVIDERS?.split(",").map((p) => p.trim())
  paymentProviders.push({
    resolve: path.join(__dirname, "src/providers/optty"),
    id: "optty",
    options: {
      clientId: process.env.OPTTY_CLIENT_ID,
      clientSecret: process.env.OPTTY_CLIENT_SECRET,
      merchantId: process.env.OPTTY_MERCHANT_ID,
      paymentSecret: process.env.OPTTY_PAYMENT_SECRET,
      environment: process.env.OPTTY_ENVIRONMENT || "sandbox",
      ...(process.env.OPTTY_AUTH_URL ? { authUrl: process.env.OPTTY_AUTH_URL } : {}),
      ...(process.env.OPTTY_API_URL ? { apiUrl: process.env.OPTTY_API_URL } : {}),
      ...(process.env.OPTTY_BNPL_PROVIDER ? { bnplProvider: process.env.OPTTY_BNPL_PROVIDER } : {}),
      ...(allowed?.length ? { allowedBnplProviders: allowed } : {}),
      ...(process.env.OPTTY_TIMEOUT_MS ? { timeoutMs: Number(process.env.OPTTY_TIMEOUT_MS) } : {}),
      ...(process.env.OPTTY_IN_DOUBT_WINDOW_SECONDS
        ? { inDoubtWindowSeconds: Number(process.env.OPTTY_IN_DOUBT_WINDOW_SECONDS) }
        : {}),
      isActivatedViaOAuth: process.env.OPTTY_ACTIVATED_VIA_OAUTH === "true",
      redirectUrl: `${storefrontUrl}/checkout/optty/return`,
      webhookUrl: `${backendUrl}/hooks/payment/optty_optty`,
    },
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
