import { existsSync, readFileSync } from "node:fs"
import path from "node:path"
import { GatewayDescriptor, optionFromEnv, STORE_URL_VARIABLES } from "../../gateway-kit/descriptor"
import { JAPAN } from "../../gateway-kit/markets"

/** Where each option of the dev config comes from (a bad value names its variable). */
const VARIABLES = {
  merchantId: "WORLDLINE_MERCHANT_ID",
  applicationId: "WORLDLINE_APPLICATION_ID",
  privateKey: "WORLDLINE_PRIVATE_KEY",
  secondaryPrivateKey: "WORLDLINE_SECONDARY_PRIVATE_KEY",
  apiUrl: "WORLDLINE_API_URL",
  apiPathPrefix: "WORLDLINE_API_PATH_PREFIX",
  signingAlgorithm: "WORLDLINE_SIGNING_ALGORITHM",
  paymentMethodId: "WORLDLINE_PAYMENT_METHOD_ID",
  allowedPaymentMethodIds: "WORLDLINE_ALLOWED_PAYMENT_METHOD_IDS",
  autoCapture: "WORLDLINE_AUTO_CAPTURE",
  notificationToken: "WORLDLINE_NOTIFICATION_TOKEN",
  timeoutMs: "WORLDLINE_TIMEOUT_MS",
  refundRetries: "WORLDLINE_REFUND_RETRIES",
  inDoubtWindowSeconds: "WORLDLINE_IN_DOUBT_WINDOW_SECONDS",
  returnUrl: STORE_URL_VARIABLES.storefrontUrl,
} as const

const SANDBOX_KEY = path.join(
  "integration-tests",
  "sandboxes",
  "worldline",
  "dev-keys",
  "merchant-key-1.private.pem",
)

/**
 * The repository root, found from this file whether it runs from `src/providers/worldline` or
 * from the build in `.medusa/server/src/providers/worldline`: the first parent holding the
 * sandbox's key.
 */
function sandboxKeyPath(): string {
  let dir = __dirname
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, SANDBOX_KEY)
    if (existsSync(candidate)) return candidate
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return path.join(__dirname, "..", "..", "..", SANDBOX_KEY)
}

/**
 * Worldline for the rest of the plugin and this repository's dev store (see
 * src/gateway-kit/descriptor.ts). WORLDLINE_PAYMENT_METHOD_ID is the default method; the
 * storefront may pass data.payment_method_id among WORLDLINE_ALLOWED_PAYMENT_METHOD_IDS
 * (comma-separated).
 */
export const descriptor: GatewayDescriptor = {
  identifier: "worldline",
  name: "Worldline",
  resolve: __dirname,
  docs: "docs/gateways/worldline.md",
  capabilities: {
    // the order carries the cart's lines (docs/gateways/worldline.md#orders-and-payments)
    needsCheckoutCart: true,
    // several partial captures are allowed for some methods
    fullCaptureOnly: false,
    storefrontReturn: null,
    markets: [
      {
        name: "Belgium",
        currency: "eur",
        country: "be",
        tax: { rate: 21, code: "BE21", name: "BE VAT" },
        bookTax: { rate: 6, code: "BE6", name: "BE reduced VAT" },
        warehouse: "Brussels",
        address: {
          first_name: "Lotte",
          last_name: "Peeters",
          phone: "+3222222222",
          address_1: "Rue de la Loi 16",
          city: "Brussels",
          province: "Brussels-Capital",
          postal_code: "1000",
          country_code: "be",
        },
      },
      JAPAN,
    ],
  },
  dev: {
    enabledBy: VARIABLES.merchantId,
    providers(env, urls) {
      const allowed = env[VARIABLES.allowedPaymentMethodIds]
        ?.split(",")
        .map((p) => p.trim())
        .filter((p) => p !== "")
        .map(Number)
      const autoCapture = env[VARIABLES.autoCapture]
      return [
        {
          id: "worldline",
          options: {
            merchantId: env[VARIABLES.merchantId],
            ...optionFromEnv(env, VARIABLES, "applicationId"),
            privateKey: env[VARIABLES.privateKey],
            ...optionFromEnv(env, VARIABLES, "secondaryPrivateKey"),
            apiUrl: env[VARIABLES.apiUrl],
            ...optionFromEnv(env, VARIABLES, "apiPathPrefix"),
            ...optionFromEnv(env, VARIABLES, "signingAlgorithm"),
            ...optionFromEnv(env, VARIABLES, "paymentMethodId", Number),
            ...(allowed?.length ? { allowedPaymentMethodIds: allowed } : {}),
            ...(autoCapture ? { autoCapture: autoCapture === "true" } : {}),
            ...optionFromEnv(env, VARIABLES, "notificationToken"),
            ...optionFromEnv(env, VARIABLES, "timeoutMs", Number),
            ...optionFromEnv(env, VARIABLES, "refundRetries", Number),
            ...optionFromEnv(env, VARIABLES, "inDoubtWindowSeconds", Number),
            returnUrl: `${urls.storefrontUrl}/checkout/worldline/return`,
          },
          variables: VARIABLES,
        },
      ]
    },
    sandbox: {
      entry: "integration-tests/sandboxes/worldline/main.ts",
      portVariable: "WORLDLINE_SANDBOX_PORT",
      defaultPort: 4030,
      env: (origin) => ({
        WORLDLINE_MERCHANT_ID: "1570616552",
        WORLDLINE_APPLICATION_ID: "application-1",
        // read when asked for, never at import: a packed plugin has no sandbox keys
        WORLDLINE_PRIVATE_KEY: readFileSync(sandboxKeyPath(), "utf8"),
        WORLDLINE_API_URL: origin,
        WORLDLINE_API_PATH_PREFIX: "/api/v2",
        WORLDLINE_ALLOWED_PAYMENT_METHOD_IDS: "1000,7000",
        WORLDLINE_NOTIFICATION_TOKEN: "sandbox-notification-token-000000000001",
      }),
    },
    demoOrders: {
      actions: "integration-tests/sandboxes/worldline/demo-actions.ts",
      orders: [
        {
          provider: "worldline",
          market: "be",
          state: "return_awaiting_refund",
          items: { shirt: 2, mug: 2, book: 1 },
          promotion: true,
          returned: { shirt: 1, book: 1 },
        },
        {
          provider: "worldline",
          market: "be",
          state: "refund_pending",
          items: { shirt: 1, mug: 2 },
          returned: { shirt: 1, mug: 1 },
          refundShipping: true,
          // bank transfer: Worldline refunds it as a payout, Registered until it is paid out
          sessionData: { payment_method_id: 7000 },
        },
        {
          provider: "worldline",
          market: "be",
          state: "refund_failed",
          items: { shirt: 1, mug: 2 },
          returned: { shirt: 1, mug: 1 },
          refundShipping: true,
          declineReason: "The issuing bank declined the credit",
        },
        {
          provider: "worldline",
          market: "be",
          state: "dashboard_refund",
          items: { book: 1, mug: 1 },
          dashboardAmount: "10.00",
        },
      ],
    },
  },
}
