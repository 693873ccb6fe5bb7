/**
 * Runs the Worldline sandbox as a process for the dev store:
 *   node -r ts-node/register/transpile-only integration-tests/sandboxes/worldline/main.ts
 * Environment: WORLDLINE_SANDBOX_PORT (default 4030), WORLDLINE_SANDBOX_HOST (127.0.0.1),
 * WORLDLINE_MERCHANT_ID (default 1570616552), WORLDLINE_APPLICATION_ID (default application-1),
 * WORLDLINE_PRIVATE_KEY (PEM, "\n" escapes accepted: its public key is trusted besides both
 * dev-keys/*.public.pem), WORLDLINE_API_PATH_PREFIX (/api/v2 | /v2),
 * WORLDLINE_SANDBOX_CREDITS_START_AS (Processed | Registered), and the notification URL:
 * WORLDLINE_SANDBOX_NOTIFICATION_URL, else MEDUSA_BACKEND_URL + /hooks/payment/worldline_worldline
 * (+ ?token=WORLDLINE_NOTIFICATION_TOKEN). Only URLs are printed: never a key or the token.
 */
import { createPublicKey } from "node:crypto"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { envChoice, envText, runSandboxCli } from "../kit/cli"
import { startWorldlineSandbox } from "./start-sandbox"

const DEV_KEYS = ["merchant-key-1.public.pem", "merchant-key-2.public.pem"]

function trustedKeys(): string[] {
  const devKeys = DEV_KEYS.map((file) => readFileSync(join(__dirname, "dev-keys", file), "utf8"))
  const privatePem = (process.env.WORLDLINE_PRIVATE_KEY ?? "").replace(/\\n/g, "\n").trim()
  if (privatePem === "") return devKeys
  let derived: string
  try {
    derived = createPublicKey(privatePem).export({ type: "spki", format: "pem" }).toString()
  } catch {
    throw new Error("WORLDLINE_PRIVATE_KEY is not a PEM private key")
  }
  // the sandbox accepts one or two keys: the configured key, and the dev key it is not
  const others = devKeys.filter((pem) => pem.trim() !== derived.trim())
  return [derived, ...others].slice(0, 2)
}

function notificationUrl(): string | null {
  const explicit = process.env.WORLDLINE_SANDBOX_NOTIFICATION_URL
  if (explicit) return explicit
  const backend = process.env.MEDUSA_BACKEND_URL
  if (!backend) return null
  const token = process.env.WORLDLINE_NOTIFICATION_TOKEN
  const url = `${backend.replace(/\/+$/, "")}/hooks/payment/worldline_worldline`
  return token ? `${url}?token=${encodeURIComponent(token)}` : url
}

runSandboxCli(
  { name: "worldline", envPrefix: "WORLDLINE_SANDBOX", defaultPort: 4030 },
  async (listen) => {
    const sandbox = await startWorldlineSandbox({
      ...listen,
      merchantId: envText("WORLDLINE_MERCHANT_ID", "1570616552"),
      applicationId: envText("WORLDLINE_APPLICATION_ID", "application-1"),
      publicKeys: trustedKeys(),
      apiPathPrefix: envChoice("WORLDLINE_API_PATH_PREFIX", ["/api/v2", "/v2"]),
      creditsStartAs: envChoice("WORLDLINE_SANDBOX_CREDITS_START_AS", ["Processed", "Registered"]),
      notificationUrl: notificationUrl(),
    })
    const { origin } = sandbox
    // the notification URL may carry the token: it is not printed
    return {
      urls: { API: origin, "hosted page": `${origin}/pay/`, control: `${origin}/_control/` },
      close: sandbox.close,
    }
  },
)
