/**
 * Runs the Smartpay sandbox as a process for the dev store:
 *   node -r ts-node/register/transpile-only integration-tests/sandboxes/smartpay/main.ts
 * Environment: SMARTPAY_SANDBOX_PORT (default 4040), SMARTPAY_SANDBOX_HOST (127.0.0.1),
 * SMARTPAY_SECRET_KEY (an sk_test_ key; default a made-up dev key), SMARTPAY_SIGNING_SECRET
 * (Base62; default a made-up dev secret), SMARTPAY_SANDBOX_REFUNDS_START_AS (succeeded |
 * pending), and the webhook URL: SMARTPAY_SANDBOX_WEBHOOK_URL, else MEDUSA_BACKEND_URL +
 * /hooks/payment/smartpay_smartpay. Only URLs are printed: never the key or the secret.
 */
import { envChoice, envText, runSandboxCli } from "../kit/cli"
import { startSmartpaySandbox } from "./start-sandbox"

/** made-up dev credentials: they open nothing but this sandbox */
export const DEV_SECRET_KEY = "sk_test_SandboxDevKey0000000000"
export const DEV_SIGNING_SECRET = "SandboxDevSigningSecret0000000000"

function webhookUrl(): string | null {
  const explicit = process.env.SMARTPAY_SANDBOX_WEBHOOK_URL
  if (explicit) return explicit
  const backend = process.env.MEDUSA_BACKEND_URL
  if (!backend) return null
  return `${backend.replace(/\/+$/, "")}/hooks/payment/smartpay_smartpay`
}

runSandboxCli(
  { name: "smartpay", envPrefix: "SMARTPAY_SANDBOX", defaultPort: 4040 },
  async (listen) => {
    const sandbox = await startSmartpaySandbox({
      ...listen,
      secretKey: envText("SMARTPAY_SECRET_KEY", DEV_SECRET_KEY),
      signingSecret: envText("SMARTPAY_SIGNING_SECRET", DEV_SIGNING_SECRET),
      refundsStartAs: envChoice("SMARTPAY_SANDBOX_REFUNDS_START_AS", ["succeeded", "pending"]),
      webhookUrl: webhookUrl(),
    })
    const { origin } = sandbox
    return {
      urls: {
        API: sandbox.apiUrl,
        "hosted checkout": `${origin}/checkout/`,
        control: `${origin}/_control/`,
      },
      close: sandbox.close,
    }
  },
)
