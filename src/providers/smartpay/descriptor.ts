import { GatewayDescriptor, optionFromEnv, STORE_URL_VARIABLES } from "../../gateway-kit/descriptor"
import { JAPAN } from "../../gateway-kit/markets"

/** Where each option of the dev config comes from (a bad value names its variable). */
const VARIABLES = {
  secretKey: "SMARTPAY_SECRET_KEY",
  apiUrl: "SMARTPAY_API_URL",
  webhookSigningSecret: "SMARTPAY_SIGNING_SECRET",
  webhookSubscriptionIds: "SMARTPAY_SUBSCRIPTION_IDS",
  webhookToleranceSeconds: "SMARTPAY_WEBHOOK_TOLERANCE_SECONDS",
  captureMethod: "SMARTPAY_CAPTURE_METHOD",
  fraudulentReasonCodes: "SMARTPAY_FRAUDULENT_REASON_CODES",
  timeoutMs: "SMARTPAY_TIMEOUT_MS",
  inDoubtWindowSeconds: "SMARTPAY_IN_DOUBT_WINDOW_SECONDS",
  successUrl: STORE_URL_VARIABLES.storefrontUrl,
  cancelUrl: STORE_URL_VARIABLES.storefrontUrl,
} as const

const list = (value: string) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")

/**
 * Smartpay for the rest of the plugin and this repository's dev store (see
 * src/gateway-kit/descriptor.ts). It sells in Japan only, in whole yen
 * (docs/gateways/smartpay.md#amounts); SMARTPAY_SUBSCRIPTION_IDS and
 * SMARTPAY_FRAUDULENT_REASON_CODES are comma-separated.
 */
export const descriptor: GatewayDescriptor = {
  identifier: "smartpay",
  name: "Smartpay",
  resolve: __dirname,
  docs: "docs/gateways/smartpay.md",
  capabilities: {
    // the checkout session carries the cart's items (docs/gateways/smartpay.md#checkout-session-request)
    needsCheckoutCart: true,
    // manual partial captures exist at Smartpay (docs/gateways/smartpay.md#capture)
    fullCaptureOnly: false,
    storefrontReturn: null,
    markets: [JAPAN],
  },
  dev: {
    enabledBy: VARIABLES.secretKey,
    providers(env, urls) {
      return [
        {
          id: "smartpay",
          options: {
            secretKey: env[VARIABLES.secretKey],
            ...optionFromEnv(env, VARIABLES, "apiUrl"),
            ...optionFromEnv(env, VARIABLES, "webhookSigningSecret"),
            ...optionFromEnv(env, VARIABLES, "webhookSubscriptionIds", list),
            ...optionFromEnv(env, VARIABLES, "webhookToleranceSeconds", Number),
            ...optionFromEnv(env, VARIABLES, "captureMethod"),
            ...optionFromEnv(env, VARIABLES, "fraudulentReasonCodes", list),
            ...optionFromEnv(env, VARIABLES, "timeoutMs", Number),
            ...optionFromEnv(env, VARIABLES, "inDoubtWindowSeconds", Number),
            successUrl: `${urls.storefrontUrl}/checkout/smartpay/return`,
            cancelUrl: `${urls.storefrontUrl}/checkout`,
          },
          variables: VARIABLES,
        },
      ]
    },
    sandbox: {
      entry: "integration-tests/sandboxes/smartpay/main.ts",
      portVariable: "SMARTPAY_SANDBOX_PORT",
      defaultPort: 4040,
      env: (origin) => ({
        // made up: they open nothing but the sandbox (integration-tests/sandboxes/smartpay/main.ts)
        SMARTPAY_SECRET_KEY: "sk_test_SandboxDevKey0000000000",
        SMARTPAY_SIGNING_SECRET: "SandboxDevSigningSecret0000000000",
        SMARTPAY_API_URL: `${origin}/v1`,
      }),
    },
    demoOrders: {
      actions: "integration-tests/sandboxes/smartpay/demo-actions.ts",
      orders: [
        {
          provider: "smartpay",
          market: "jp",
          state: "return_awaiting_refund",
          items: { shirt: 2, mug: 2, book: 1 },
          promotion: true,
          returned: { shirt: 1, book: 1 },
        },
        {
          provider: "smartpay",
          market: "jp",
          state: "refund_pending",
          items: { shirt: 1, mug: 2 },
          returned: { shirt: 1, mug: 1 },
          refundShipping: true,
        },
        {
          provider: "smartpay",
          market: "jp",
          state: "refund_failed",
          items: { shirt: 1, mug: 2 },
          returned: { shirt: 1, mug: 1 },
          refundShipping: true,
          // Smartpay gives no reason for a failed refund: staff see the plugin's words for it
          declineReason: 'Smartpay marked the refund "failed" and gave no reason',
        },
        {
          provider: "smartpay",
          market: "jp",
          state: "dashboard_refund",
          items: { book: 1, mug: 1 },
          dashboardAmount: "1000",
        },
      ],
    },
  },
}
