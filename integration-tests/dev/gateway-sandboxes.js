"use strict"
/**
 * The dev store's gateways: a local sandbox per gateway, started as a child process, with the
 * environment that points medusa-config.ts at it. A gateway whose API key is already set in the
 * environment (a developer testing against the real test API) gets no sandbox.
 *
 * Adding a gateway: one entry in SANDBOXES.
 */
const { spawn } = require("child_process")
const path = require("path")

const REPO_ROOT = path.resolve(__dirname, "../..")

const SANDBOXES = [
  {
    name: "MultiSafepay",
    keyVariable: "MULTISAFEPAY_API_KEY",
    portVariable: "MULTISAFEPAY_SANDBOX_PORT",
    defaultPort: 4010,
    entry: "integration-tests/sandboxes/multisafepay/main.ts",
    apiKey: "sandbox-api-key",
    env: (origin) => ({ MULTISAFEPAY_API_URL: `${origin}/v1/json/` }),
    /** provider ids medusa-config.ts registers for it */
    providers: ["pp_multisafepay_multisafepay", "pp_multisafepay_klarna"],
  },
  {
    name: "Optty",
    keyVariable: "OPTTY_CLIENT_ID",
    portVariable: "OPTTY_SANDBOX_PORT",
    defaultPort: 4020,
    entry: "integration-tests/sandboxes/optty/main.ts",
    apiKey: "sandbox-client-id",
    env: (origin) => ({
      OPTTY_CLIENT_SECRET: "sandbox-client-secret",
      OPTTY_MERCHANT_ID: "sandbox-merchant",
      OPTTY_PAYMENT_SECRET: "sandbox-payment-secret",
      OPTTY_AUTH_URL: `${origin}/auth`,
      OPTTY_API_URL: `${origin}/api`,
    }),
    providers: ["pp_optty_optty"],
  },
]

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) })
    return response.status < 500
  } catch {
    return false
  }
}

/**
 * Starts the sandboxes that are needed. Resolves to the env additions for Medusa, the provider
 * ids to expect, and a stop function.
 */
async function startGatewaySandboxes({ log }) {
  const children = []
  const env = {}
  const providers = []
  for (const sandbox of SANDBOXES) {
    if (process.env[sandbox.keyVariable]) {
      log(`${sandbox.name}: ${sandbox.keyVariable} is set, using the configured API (no sandbox)`)
      continue
    }
    const port = Number.parseInt(
      process.env[sandbox.portVariable] || String(sandbox.defaultPort),
      10,
    )
    const origin = `http://127.0.0.1:${port}`
    if (await answers(`${origin}/_control/requests`)) {
      throw new Error(
        `${sandbox.name} sandbox port ${port} is in use (another dev store?). Stop it or set ${sandbox.portVariable}.`,
      )
    }
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", path.join(REPO_ROOT, sandbox.entry)],
      {
        cwd: REPO_ROOT,
        // the sandbox gets the same credentials and secrets as Medusa, so both sides agree
        env: {
          ...process.env,
          ...sandbox.env(origin),
          [sandbox.portVariable]: String(port),
          [sandbox.keyVariable]: sandbox.apiKey,
          TS_NODE_TRANSPILE_ONLY: "true",
        },
        stdio: ["ignore", "inherit", "inherit"],
      },
    )
    children.push(child)
    const deadline = Date.now() + 30_000
    while (!(await answers(`${origin}/_control/requests`))) {
      if (child.exitCode !== null)
        throw new Error(`${sandbox.name} sandbox exited (${child.exitCode})`)
      if (Date.now() > deadline) throw new Error(`${sandbox.name} sandbox did not start in 30 s`)
      await sleep(250)
    }
    log(`${sandbox.name} sandbox on ${origin} (control API: ${origin}/_control/)`)
    Object.assign(env, { [sandbox.keyVariable]: sandbox.apiKey }, sandbox.env(origin))
    providers.push(...sandbox.providers)
  }

  const stop = async () => {
    for (const child of children) {
      if (child.exitCode !== null || child.signalCode !== null) continue
      child.kill("SIGTERM")
      const deadline = Date.now() + 5000
      while (child.exitCode === null && child.signalCode === null && Date.now() < deadline)
        await sleep(100)
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
    }
  }
  return { env, providers, stop }
}

module.exports = { startGatewaySandboxes }
