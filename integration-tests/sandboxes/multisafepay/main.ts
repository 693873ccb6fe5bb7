/**
 * Runs the MultiSafepay sandbox as a process for the dev store:
 *   npx ts-node integration-tests/sandboxes/multisafepay/main.ts
 * Environment: MULTISAFEPAY_SANDBOX_PORT (default 4010), MULTISAFEPAY_SANDBOX_HOST (default
 * 127.0.0.1), MULTISAFEPAY_API_KEY (default "sandbox-api-key"), MULTISAFEPAY_SANDBOX_REFUNDS_START_AS
 * ("reserved" default, or "completed"). The key is never printed.
 */
import { startMultiSafepaySandbox } from "./start-sandbox"

async function main(): Promise<void> {
  const port = Number(process.env.MULTISAFEPAY_SANDBOX_PORT ?? 4010)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `MULTISAFEPAY_SANDBOX_PORT is not a port: ${process.env.MULTISAFEPAY_SANDBOX_PORT}`,
    )
  }
  const startAs = process.env.MULTISAFEPAY_SANDBOX_REFUNDS_START_AS
  if (startAs !== undefined && startAs !== "reserved" && startAs !== "completed") {
    throw new Error('MULTISAFEPAY_SANDBOX_REFUNDS_START_AS must be "reserved" or "completed"')
  }
  const sandbox = await startMultiSafepaySandbox({
    apiKey: process.env.MULTISAFEPAY_API_KEY || "sandbox-api-key",
    port,
    host: process.env.MULTISAFEPAY_SANDBOX_HOST || "127.0.0.1",
    refundsStartAs: startAs,
  })
  console.log(`[multisafepay-sandbox] API ${sandbox.url}`)
  console.log(`[multisafepay-sandbox] control ${sandbox.origin}/_control/`)

  const stop = (signal: string) => {
    console.log(`[multisafepay-sandbox] ${signal}: stopping`)
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
    `[multisafepay-sandbox] failed to start: ${error instanceof Error ? error.message : String(error)}`,
  )
  process.exit(1)
})
