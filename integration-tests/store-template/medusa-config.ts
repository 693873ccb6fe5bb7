import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * A store owner's medusa-config.ts with the plugin installed from npm: the plugin itself (its
 * ledger module, routes, subscribers, job and admin widget) and its MultiSafepay and Optty payment
 * providers. README.md "Set up in an existing store" shows the same file.
 */

// Where this Medusa server is reachable from the internet: the gateways send their webhooks to
// `${backendUrl}/hooks/payment/<identifier>_<id>`.
const backendUrl = process.env.MEDUSA_BACKEND_URL || `http://localhost:${process.env.PORT || 9000}`
// The storefront pages shoppers come back to after paying.
const storefrontUrl = process.env.STOREFRONT_URL || "http://localhost:8000"

const multiSafepay = (id: string, options: Record<string, unknown> = {}) => ({
  resolve: "medusa-payment-line-refunds/providers/multisafepay",
  id, // → pp_multisafepay_<id>
  options: {
    apiKey: process.env.MULTISAFEPAY_API_KEY,
    environment: process.env.MULTISAFEPAY_ENVIRONMENT || "test",
    apiUrl: process.env.MULTISAFEPAY_API_URL || undefined, // only to point at a sandbox or proxy
    notificationUrl: `${backendUrl}/hooks/payment/multisafepay_${id}`,
    redirectUrl: `${storefrontUrl}/checkout/multisafepay/return`,
    cancelUrl: `${storefrontUrl}/checkout`,
    ...options,
  },
})

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
  plugins: [
    {
      resolve: "medusa-payment-line-refunds",
      options: {
        autoRefundOnReturnReceived: false,
      },
    },
  ],
  modules: [
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          multiSafepay("multisafepay"), // MultiSafepay's payment page: the shopper picks
          multiSafepay("klarna", { gateway: "KLARNA" }), // Klarna as its own payment option
          {
            resolve: "medusa-payment-line-refunds/providers/optty",
            id: "optty", // → pp_optty_optty
            options: {
              clientId: process.env.OPTTY_CLIENT_ID,
              clientSecret: process.env.OPTTY_CLIENT_SECRET,
              merchantId: process.env.OPTTY_MERCHANT_ID,
              paymentSecret: process.env.OPTTY_PAYMENT_SECRET,
              environment: process.env.OPTTY_ENVIRONMENT || "sandbox",
              authUrl: process.env.OPTTY_AUTH_URL || undefined, // only to point at a sandbox
              apiUrl: process.env.OPTTY_API_URL || undefined,
              redirectUrl: `${storefrontUrl}/checkout/optty/return`,
              webhookUrl: `${backendUrl}/hooks/payment/optty_optty`,
            },
          },
          {
            resolve: "medusa-payment-line-refunds/providers/worldline",
            id: "worldline", // → pp_worldline_worldline
            options: {
              merchantId: process.env.WORLDLINE_MERCHANT_ID,
              applicationId: process.env.WORLDLINE_APPLICATION_ID || "application-1",
              // the PEM of the RSA key registered with Worldline (\n escapes are fine)
              privateKey: process.env.WORLDLINE_PRIVATE_KEY,
              // the host your integration manager gives you, and its path prefix
              apiUrl: process.env.WORLDLINE_API_URL,
              apiPathPrefix: process.env.WORLDLINE_API_PATH_PREFIX || "/api/v2",
              returnUrl: `${storefrontUrl}/checkout/worldline/return`,
              // the secret in the notification URL you register with Worldline:
              // ${backendUrl}/hooks/payment/worldline_worldline?token=<it>
              notificationToken: process.env.WORLDLINE_NOTIFICATION_TOKEN || undefined,
            },
          },
          {
            resolve: "medusa-payment-line-refunds/providers/smartpay",
            id: "smartpay", // → pp_smartpay_smartpay
            options: {
              secretKey: process.env.SMARTPAY_SECRET_KEY, // sk_test_… or sk_live_…
              apiUrl: process.env.SMARTPAY_API_URL || undefined, // only to point at a sandbox
              // the webhook endpoint's signing secret: ${backendUrl}/hooks/payment/smartpay_smartpay
              webhookSigningSecret: process.env.SMARTPAY_SIGNING_SECRET || undefined,
              successUrl: `${storefrontUrl}/checkout/smartpay/return`,
              cancelUrl: `${storefrontUrl}/checkout`,
            },
          },
        ],
      },
    },
  ],
})
