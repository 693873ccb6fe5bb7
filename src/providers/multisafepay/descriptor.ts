import { fromEnv, GatewayDescriptor, StoreUrls } from "../../gateway-kit/descriptor"

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
  },
}

function sharedOptions(env: NodeJS.ProcessEnv, urls: StoreUrls, id: string) {
  return {
    apiKey: env.MULTISAFEPAY_API_KEY,
    environment: env.MULTISAFEPAY_ENVIRONMENT || "test",
    ...fromEnv(env, "MULTISAFEPAY_API_URL", "apiUrl"),
    ...fromEnv(env, "MULTISAFEPAY_TIMEOUT_MS", "timeoutMs", Number),
    ...fromEnv(env, "MULTISAFEPAY_IN_DOUBT_WINDOW_SECONDS", "inDoubtWindowSeconds", Number),
    notificationUrl: `${urls.backendUrl}/hooks/payment/multisafepay_${id}`,
    redirectUrl: `${urls.storefrontUrl}/checkout/multisafepay/return`,
    cancelUrl: `${urls.storefrontUrl}/checkout`,
  }
}
