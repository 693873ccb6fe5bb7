import {
  GatewayDescriptor,
  optionFromEnv,
  STORE_URL_VARIABLES,
  StoreUrls,
} from "../../gateway-kit/descriptor"

/** Where each option of the dev config comes from (a bad value names its variable). */
const VARIABLES = {
  apiKey: "MULTISAFEPAY_API_KEY",
  environment: "MULTISAFEPAY_ENVIRONMENT",
  apiUrl: "MULTISAFEPAY_API_URL",
  timeoutMs: "MULTISAFEPAY_TIMEOUT_MS",
  inDoubtWindowSeconds: "MULTISAFEPAY_IN_DOUBT_WINDOW_SECONDS",
  notificationUrl: STORE_URL_VARIABLES.backendUrl,
  redirectUrl: STORE_URL_VARIABLES.storefrontUrl,
  cancelUrl: STORE_URL_VARIABLES.storefrontUrl,
} as const

/**
 * MultiSafepay for the rest of the plugin and this repository's dev store (see
 * src/gateway-kit/descriptor.ts). In development `npm run dev` points it at the local sandbox; a
 * real store sets MULTISAFEPAY_API_KEY and MULTISAFEPAY_ENVIRONMENT.
 */
export const descriptor: GatewayDescriptor = {
  identifier: "multisafepay",
  name: "MultiSafepay",
  resolve: __dirname,
  docs: "docs/gateways/multisafepay.md",
  capabilities: {
    // pay-later methods send the cart at checkout and are refunded by resending it
    needsCheckoutCart: true,
    // pay-later orders are captured by marking them shipped: always the whole order
    fullCaptureOnly: true,
    storefrontReturn: null,
    markets: [
      {
        name: "Netherlands",
        currency: "eur",
        country: "nl",
        tax: { rate: 21, code: "VAT21", name: "NL VAT" },
        bookTax: { rate: 9, code: "VAT9", name: "NL reduced VAT" },
        warehouse: "Amsterdam",
        address: {
          first_name: "Sam",
          last_name: "Jansen",
          phone: "+31201234567",
          address_1: "Damrak 1",
          city: "Amsterdam",
          postal_code: "1012 LG",
          country_code: "nl",
        },
      },
    ],
  },
  dev: {
    enabledBy: "MULTISAFEPAY_API_KEY",
    providers(env, urls) {
      const provider = (id: string, options: Record<string, unknown> = {}) => ({
        id,
        options: { ...sharedOptions(env, urls, id), ...options },
        variables: VARIABLES,
      })
      return [
        // the shopper picks on MultiSafepay's page, or the storefront passes data.gateway
        provider("multisafepay", { manualCapture: false }),
        // pay-later methods as their own payment options, with the cart sent server-side
        provider("klarna", { gateway: "KLARNA" }),
        provider("payafterdelivery", { gateway: "BNPL_MF" }),
      ]
    },
    sandbox: {
      entry: "integration-tests/sandboxes/multisafepay/main.ts",
      portVariable: "MULTISAFEPAY_SANDBOX_PORT",
      defaultPort: 4010,
      env: (origin) => ({
        MULTISAFEPAY_API_KEY: "sandbox-api-key",
        MULTISAFEPAY_API_URL: `${origin}/v1/json/`,
      }),
    },
    demoOrders: {
      actions: "integration-tests/sandboxes/multisafepay/demo-actions.ts",
      orders: [
        {
          // the README's worked example: the shirt and the book come back
          provider: "klarna",
          market: "nl",
          state: "return_awaiting_refund",
          items: { shirt: 2, mug: 3, book: 1 },
          promotion: true,
          returned: { shirt: 1, book: 1 },
        },
        {
          provider: "klarna",
          market: "nl",
          state: "refund_pending",
          items: { shirt: 1, mug: 2 },
          returned: { mug: 2 },
          refundShipping: true,
        },
        {
          provider: "klarna",
          market: "nl",
          state: "refund_failed",
          items: { shirt: 1, mug: 1, book: 1 },
          returned: { shirt: 1, book: 1 },
          refundShipping: true,
          declineReason: "Klarna declined the refund: invoice already settled",
        },
        {
          // iDEAL picked on the payment page; a refund made by hand in the dashboard
          provider: "multisafepay",
          market: "nl",
          state: "dashboard_refund",
          items: { mug: 2, book: 1 },
          payment: { gateway: "IDEAL" },
          dashboardAmount: "10.00",
        },
      ],
    },
  },
}

function sharedOptions(env: NodeJS.ProcessEnv, urls: StoreUrls, id: string) {
  return {
    apiKey: env[VARIABLES.apiKey],
    environment: env[VARIABLES.environment] || "test",
    ...optionFromEnv(env, VARIABLES, "apiUrl"),
    ...optionFromEnv(env, VARIABLES, "timeoutMs", Number),
    ...optionFromEnv(env, VARIABLES, "inDoubtWindowSeconds", Number),
    notificationUrl: `${urls.backendUrl}/hooks/payment/multisafepay_${id}`,
    redirectUrl: `${urls.storefrontUrl}/checkout/multisafepay/return`,
    cancelUrl: `${urls.storefrontUrl}/checkout`,
  }
}
