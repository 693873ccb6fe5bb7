"use strict"
/**
 * The dev store's gateways: a local sandbox per gateway, started as a child process, with the
 * environment that points medusa-config.ts at it. What to start, on which port and with which
 * made-up credentials comes from each gateway's descriptor (src/providers/<gateway>/descriptor.ts),
 * so adding a gateway changes nothing here. A gateway whose key is already set in the environment
 * (a developer testing against the real test API) gets no sandbox.
 */
const { spawn } = require("child_process")
const path = require("path")

const REPO_ROOT = path.resolve(__dirname, "../..")

/** The descriptors, read with the same TypeScript loader the sandboxes run with. */
function loadDescriptors() {
  require("ts-node").register({ transpileOnly: true })
  return require(path.join(REPO_ROOT, "src/gateway-kit/descriptors")).gatewayDescriptors()
}

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
 * Starts the sandboxes that are needed (`backendUrl`: where the store's Medusa answers; `quiet`:
 * their start-up lines are not printed). Resolves
 * to the env additions for Medusa, the provider ids to expect, the sandboxes started (`{ identifier, name, origin, controlPage }`: where the
 * demo orders are paid and the boot log's control pages) and a stop function.
 */
async function startGatewaySandboxes({ log, backendUrl, quiet = false }) {
  const children = []
  const env = {}
  const providers = []
  const started = []
  for (const gateway of loadDescriptors()) {
    const sandbox = { name: gateway.name, ...gateway.dev.sandbox }
    if (process.env[gateway.dev.enabledBy]) {
      log(`${sandbox.name}: ${gateway.dev.enabledBy} is set, using the configured API (no sandbox)`)
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
          // where Medusa answers: a gateway that posts notifications to an endpoint it was set up
          // with (not one named per request) sends them to its webhook route there
          MEDUSA_BACKEND_URL: backendUrl,
          [sandbox.portVariable]: String(port),
          TS_NODE_TRANSPILE_ONLY: "true",
        },
        // quiet: only a sandbox's errors reach the output (a suite prints its own summary)
        stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"],
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
    started.push({
      identifier: gateway.identifier,
      name: sandbox.name,
      origin,
      controlPage: `${origin}/_control/`,
    })
    const sandboxEnv = sandbox.env(origin)
    Object.assign(env, sandboxEnv)
    const urls = { backendUrl: "http://localhost", storefrontUrl: "http://localhost" }
    const registrations = gateway.dev.providers({ ...process.env, ...sandboxEnv }, urls)
    providers.push(...registrations.map((r) => `pp_${gateway.identifier}_${r.id}`))
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
  return { env, providers, sandboxes: started, stop }
}

module.exports = { startGatewaySandboxes }
