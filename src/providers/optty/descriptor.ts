import { GatewayDescriptor, optionFromEnv, STORE_URL_VARIABLES } from "../../gateway-kit/descriptor"
import { OPTTY_DATA_KEY } from "./payment-data"
import { opttyReturnBody } from "./storefront/return-body"
import { OPTTY_RETURN_KEY } from "./storefront/storefront-return"

/** Where each option of the dev config comes from (a bad value names its variable). */
const VARIABLES = {
  clientId: "OPTTY_CLIENT_ID",
  clientSecret: "OPTTY_CLIENT_SECRET",
  merchantId: "OPTTY_MERCHANT_ID",
  paymentSecret: "OPTTY_PAYMENT_SECRET",
  environment: "OPTTY_ENVIRONMENT",
  authUrl: "OPTTY_AUTH_URL",
  apiUrl: "OPTTY_API_URL",
  bnplProvider: "OPTTY_BNPL_PROVIDER",
  allowedBnplProviders: "OPTTY_ALLOWED_BNPL_PROVIDERS",
  timeoutMs: "OPTTY_TIMEOUT_MS",
  inDoubtWindowSeconds: "OPTTY_IN_DOUBT_WINDOW_SECONDS",
  isActivatedViaOAuth: "OPTTY_ACTIVATED_VIA_OAUTH",
  redirectUrl: STORE_URL_VARIABLES.storefrontUrl,
  webhookUrl: STORE_URL_VARIABLES.backendUrl,
} as const

/**
 * Optty for the rest of the plugin and this repository's dev store (see
 * src/gateway-kit/descriptor.ts). OPTTY_BNPL_PROVIDER fixes the method; without it the
 * storefront passes data.bnpl_provider, limited to OPTTY_ALLOWED_BNPL_PROVIDERS (comma-separated).
 */
export const descriptor: GatewayDescriptor = {
  identifier: "optty",
  name: "Optty",
  resolve: __dirname,
  docs: "docs/gateways/optty.md",
  capabilities: {
    // the order request carries the cart's items (docs/gateways/optty.md#checkout-order)
    needsCheckoutCart: true,
    // a capture takes what remains of the order
    fullCaptureOnly: true,
    storefrontReturn: {
      body: opttyReturnBody,
      dataKey: OPTTY_RETURN_KEY,
      referenceOf: (body) => String(body.reference),
      sessionReference: (data) =>
        (data?.[OPTTY_DATA_KEY] as { order_reference?: string } | undefined)?.order_reference ??
        null,
      answer: (data) => {
        const optty = (data?.[OPTTY_DATA_KEY] ?? {}) as {
          status?: string
          storefront_result?: { status: string }
        }
        return {
          result: optty.storefront_result?.status ?? null,
          gateway_status: optty.status ?? null,
        }
      },
    },
    markets: [
      {
        name: "Australia",
        currency: "aud",
        country: "au",
        tax: { rate: 10, code: "GST", name: "AU GST" },
        bookTax: null,
        warehouse: "Sydney",
        address: {
          first_name: "Sam",
          last_name: "Citizen",
          phone: "+61299990000",
          address_1: "1 George St",
          city: "Sydney",
          province: "NSW",
          postal_code: "2000",
          country_code: "au",
        },
      },
    ],
  },
  dev: {
    enabledBy: "OPTTY_CLIENT_ID",
    providers(env, urls) {
      const allowed = env[VARIABLES.allowedBnplProviders]
        ?.split(",")
        .map((p) => p.trim())
        .filter((p) => p !== "")
      return [
        {
          id: "optty",
          options: {
            clientId: env[VARIABLES.clientId],
            clientSecret: env[VARIABLES.clientSecret],
            merchantId: env[VARIABLES.merchantId],
            paymentSecret: env[VARIABLES.paymentSecret],
            environment: env[VARIABLES.environment] || "sandbox",
            ...optionFromEnv(env, VARIABLES, "authUrl"),
            ...optionFromEnv(env, VARIABLES, "apiUrl"),
            ...optionFromEnv(env, VARIABLES, "bnplProvider"),
            ...(allowed?.length ? { allowedBnplProviders: allowed } : {}),
            ...optionFromEnv(env, VARIABLES, "timeoutMs", Number),
            ...optionFromEnv(env, VARIABLES, "inDoubtWindowSeconds", Number),
            isActivatedViaOAuth: env[VARIABLES.isActivatedViaOAuth] === "true",
            redirectUrl: `${urls.storefrontUrl}/checkout/optty/return`,
            webhookUrl: `${urls.backendUrl}/hooks/payment/optty_optty`,
          },
          variables: VARIABLES,
        },
      ]
    },
    sandbox: {
      entry: "integration-tests/sandboxes/optty/main.ts",
      portVariable: "OPTTY_SANDBOX_PORT",
      defaultPort: 4020,
      env: (origin) => ({
        OPTTY_CLIENT_ID: "sandbox-client-id",
        OPTTY_CLIENT_SECRET: "sandbox-client-secret",
        OPTTY_MERCHANT_ID: "sandbox-merchant",
        OPTTY_PAYMENT_SECRET: "sandbox-payment-secret",
        OPTTY_AUTH_URL: `${origin}/auth`,
        OPTTY_API_URL: `${origin}/api`,
      }),
    },
    demoOrders: {
      actions: "integration-tests/sandboxes/optty/demo-actions.ts",
      orders: [
        {
          provider: "optty",
          market: "au",
          state: "return_awaiting_refund",
          items: { shirt: 2, mug: 2, book: 1 },
          promotion: true,
          returned: { shirt: 1, book: 1 },
          sessionData: { bnpl_provider: "KLARNA_AU" },
        },
        {
          provider: "optty",
          market: "au",
          state: "refund_pending",
          items: { shirt: 1, mug: 2 },
          returned: { shirt: 1, mug: 1 },
          refundShipping: true,
          sessionData: { bnpl_provider: "ZIP_AU" },
        },
        {
          provider: "optty",
          market: "au",
          state: "refund_failed",
          items: { shirt: 1, mug: 2 },
          returned: { shirt: 1, mug: 1 },
          refundShipping: true,
          sessionData: { bnpl_provider: "KLARNA_AU" },
          declineReason: "Klarna declined the refund: invoice already settled",
        },
        {
          provider: "optty",
          market: "au",
          state: "dashboard_refund",
          items: { book: 1, mug: 1 },
          sessionData: { bnpl_provider: "ZIP_AU" },
          dashboardAmount: "10.00",
        },
      ],
    },
  },
}
