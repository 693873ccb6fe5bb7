/**
 * Runs the Optty sandbox as a process for the dev store:
 *   node -r ts-node/register/transpile-only integration-tests/sandboxes/optty/main.ts
 * Environment: OPTTY_SANDBOX_PORT (default 4020), OPTTY_SANDBOX_HOST (default 127.0.0.1),
 * OPTTY_CLIENT_ID, OPTTY_CLIENT_SECRET, OPTTY_MERCHANT_ID, OPTTY_PAYMENT_SECRET (defaults: the
 * dev store's sandbox-* values), OPTTY_SANDBOX_WEBHOOK_URL (merchant-level webhook, optional),
 * OPTTY_SANDBOX_REFUNDS_START_AS (SUCCESSFUL | PENDING), OPTTY_SANDBOX_AUTO_CAPTURE_PROVIDERS and
 * OPTTY_SANDBOX_FULL_REFUND_ONLY_PROVIDERS (comma-separated bnplProvider codes).
 * Secrets are never printed.
 */
import { envChoice, envList, envText, runSandboxCli } from "../kit/cli"
import { startOpttySandbox } from "./start-sandbox"

runSandboxCli({ name: "optty", envPrefix: "OPTTY_SANDBOX", defaultPort: 4020 }, async (listen) => {
  const sandbox = await startOpttySandbox({
    ...listen,
    // the dev store's defaults; the dev store passes the same values to Medusa
    clientId: envText("OPTTY_CLIENT_ID", "sandbox-client-id"),
    clientSecret: envText("OPTTY_CLIENT_SECRET", "sandbox-client-secret"),
    merchantId: envText("OPTTY_MERCHANT_ID", "sandbox-merchant"),
    paymentSecret: envText("OPTTY_PAYMENT_SECRET", "sandbox-payment-secret"),
    refundsStartAs: envChoice("OPTTY_SANDBOX_REFUNDS_START_AS", ["SUCCESSFUL", "PENDING"]),
    webhookUrl: process.env.OPTTY_SANDBOX_WEBHOOK_URL || undefined,
    autoCaptureProviders: envList("OPTTY_SANDBOX_AUTO_CAPTURE_PROVIDERS"),
    fullRefundOnlyProviders: envList("OPTTY_SANDBOX_FULL_REFUND_ONLY_PROVIDERS"),
  })
  const { authUrl, apiUrl, origin } = sandbox
  const urls = { auth: authUrl, API: apiUrl, control: `${origin}/_control/` }
  return { urls, close: sandbox.close }
})
