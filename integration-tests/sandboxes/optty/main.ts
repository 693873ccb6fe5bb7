/**
 * Runs the Optty sandbox as a process for the dev store:
 *   npx ts-node integration-tests/sandboxes/optty/main.ts
 * Environment: OPTTY_SANDBOX_PORT (default 4020), OPTTY_SANDBOX_HOST (default 127.0.0.1),
 * OPTTY_CLIENT_ID, OPTTY_CLIENT_SECRET, OPTTY_MERCHANT_ID, OPTTY_PAYMENT_SECRET (defaults: the
 * dev store's sandbox-* values), OPTTY_SANDBOX_WEBHOOK_URL (merchant-level webhook, optional),
 * OPTTY_SANDBOX_REFUNDS_START_AS (SUCCESSFUL | PENDING), OPTTY_SANDBOX_AUTO_CAPTURE_PROVIDERS and
 * OPTTY_SANDBOX_FULL_REFUND_ONLY_PROVIDERS (comma-separated bnplProvider codes).
 * Secrets are never printed.
 */
import { startOpttySandbox } from "./start-sandbox"

const env = (name: string, fallback: string): string => process.env[name] || fallback

function list(name: string): string[] {
  return (process.env[name] ?? "")
    .split(",")
    .map((code) => code.trim())
    .filter((code) => code !== "")
}

async function main(): Promise<void> {
  const port = Number(process.env.OPTTY_SANDBOX_PORT ?? 4020)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`OPTTY_SANDBOX_PORT is not a port: ${process.env.OPTTY_SANDBOX_PORT}`)
  }
  const startAs = process.env.OPTTY_SANDBOX_REFUNDS_START_AS
  if (startAs !== undefined && startAs !== "SUCCESSFUL" && startAs !== "PENDING") {
    throw new Error('OPTTY_SANDBOX_REFUNDS_START_AS must be "SUCCESSFUL" or "PENDING"')
  }
  const sandbox = await startOpttySandbox({
    clientId: env("OPTTY_CLIENT_ID", "sandbox-client-id"),
    clientSecret: env("OPTTY_CLIENT_SECRET", "sandbox-client-secret"),
    merchantId: env("OPTTY_MERCHANT_ID", "sandbox-merchant"),
    paymentSecret: env("OPTTY_PAYMENT_SECRET", "sandbox-payment-secret"),
    port,
    host: env("OPTTY_SANDBOX_HOST", "127.0.0.1"),
    refundsStartAs: startAs,
    webhookUrl: process.env.OPTTY_SANDBOX_WEBHOOK_URL || undefined,
    autoCaptureProviders: list("OPTTY_SANDBOX_AUTO_CAPTURE_PROVIDERS"),
    fullRefundOnlyProviders: list("OPTTY_SANDBOX_FULL_REFUND_ONLY_PROVIDERS"),
  })
  console.log(`[optty-sandbox] auth ${sandbox.authUrl}`)
  console.log(`[optty-sandbox] API ${sandbox.apiUrl}`)
  console.log(`[optty-sandbox] control ${sandbox.origin}/_control/`)

  const stop = (signal: string) => {
    console.log(`[optty-sandbox] ${signal}: stopping`)
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  }
  process.once("SIGINT", () => stop("SIGINT"))
  process.once("SIGTERM", () => stop("SIGTERM"))
}

main().catch((error: unknown) => {
  console.error(
    `[optty-sandbox] failed to start: ${error instanceof Error ? error.message : String(error)}`,
  )
  process.exit(1)
})
