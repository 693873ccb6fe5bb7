/**
 * Runs the MultiSafepay sandbox as a process for the dev store:
 *   node -r ts-node/register/transpile-only integration-tests/sandboxes/multisafepay/main.ts
 * Environment: MULTISAFEPAY_SANDBOX_PORT (default 4010), MULTISAFEPAY_SANDBOX_HOST (default
 * 127.0.0.1), MULTISAFEPAY_API_KEY (default "sandbox-api-key"),
 * MULTISAFEPAY_SANDBOX_REFUNDS_START_AS ("reserved" default, or "completed"),
 * MULTISAFEPAY_SANDBOX_NEGATIVE_UNIT_PRICE_GATEWAYS (comma-separated pay-later gateway codes
 * refunded with the Klarna convention, e.g. KLARNA). The key is never printed.
 */
import { envChoice, envList, envText, runSandboxCli } from "../kit/cli"
import { startMultiSafepaySandbox } from "./start-sandbox"

runSandboxCli(
  { name: "multisafepay", envPrefix: "MULTISAFEPAY_SANDBOX", defaultPort: 4010 },
  async (listen) => {
    const sandbox = await startMultiSafepaySandbox({
      ...listen,
      apiKey: envText("MULTISAFEPAY_API_KEY", "sandbox-api-key"),
      refundsStartAs: envChoice("MULTISAFEPAY_SANDBOX_REFUNDS_START_AS", ["reserved", "completed"]),
      negativeUnitPriceGateways: envList("MULTISAFEPAY_SANDBOX_NEGATIVE_UNIT_PRICE_GATEWAYS"),
    })
    return {
      urls: { API: sandbox.url, control: `${sandbox.origin}/_control/` },
      close: sandbox.close,
    }
  },
)
