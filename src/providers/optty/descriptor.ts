import { fromEnv, GatewayDescriptor } from "../../gateway-kit/descriptor"
import { OPTTY_DATA_KEY } from "./payment-data"
import { opttyReturnBody } from "./storefront/return-body"
import { OPTTY_RETURN_KEY } from "./storefront/storefront-return"

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
      const allowed = env.OPTTY_ALLOWED_BNPL_PROVIDERS?.split(",")
        .map((p) => p.trim())
        .filter((p) => p !== "")
      return [
        {
          id: "optty",
          options: {
            clientId: env.OPTTY_CLIENT_ID,
            clientSecret: env.OPTTY_CLIENT_SECRET,
            merchantId: env.OPTTY_MERCHANT_ID,
            paymentSecret: env.OPTTY_PAYMENT_SECRET,
            environment: env.OPTTY_ENVIRONMENT || "sandbox",
            ...fromEnv(env, "OPTTY_AUTH_URL", "authUrl"),
            ...fromEnv(env, "OPTTY_API_URL", "apiUrl"),
            ...fromEnv(env, "OPTTY_BNPL_PROVIDER", "bnplProvider"),
            ...(allowed?.length ? { allowedBnplProviders: allowed } : {}),
            ...fromEnv(env, "OPTTY_TIMEOUT_MS", "timeoutMs", Number),
            ...fromEnv(env, "OPTTY_IN_DOUBT_WINDOW_SECONDS", "inDoubtWindowSeconds", Number),
            isActivatedViaOAuth: env.OPTTY_ACTIVATED_VIA_OAUTH === "true",
            redirectUrl: `${urls.storefrontUrl}/checkout/optty/return`,
            webhookUrl: `${urls.backendUrl}/hooks/payment/optty_optty`,
          },
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
  },
}
