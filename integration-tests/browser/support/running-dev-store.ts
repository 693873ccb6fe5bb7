import { ChildProcess, spawn } from "child_process"
import net from "net"
import path from "path"
import { gatewayDescriptors } from "../../../src/gateway-kit/descriptors"

const REPO_ROOT = path.resolve(__dirname, "../../..")

/** A free TCP port on localhost, for a store that must not collide with a developer's own. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface RunningDevStore {
  backendUrl: string
  adminUrl: string
  /** the sandboxes' origins by descriptor identifier ("multisafepay" → http://127.0.0.1:…) */
  env: Record<string, string>
  /** what the dev store printed so far (for a failure's message) */
  output(): string
  stop(): Promise<void>
}

/**
 * Boots this repository's dev store (`npm run dev -- --reset`: Medusa with the admin, the plugin
 * from src/, the gateway sandboxes, the demo shop seeded) on free ports and a database of its own,
 * the way a developer starts it, and resolves once it says it is ready.
 */
export async function startDevStore(input: {
  database: string
  /** ms to wait for the ready line */
  timeoutMs?: number
  ready?: RegExp
}): Promise<RunningDevStore> {
  const running = process.env.BROWSER_DEV_STORE_URL
  if (running) return alreadyRunning(running)
  const port = await freePort()
  const env: Record<string, string> = {
    DEV_DB_NAME: input.database,
    PORT: String(port),
    DEV_STOREFRONT_PORT: String(await freePort()),
  }
  // every gateway's sandbox on a free port of its own
  for (const gateway of gatewayDescriptors()) {
    env[gateway.dev.sandbox.portVariable] = String(await freePort())
  }
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, "integration-tests/dev/start-dev-store.js"), "--reset"],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, NODE_OPTIONS: "", CI: "true" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  )
  let output = ""
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
    if (output.length > 400_000) output = output.slice(-200_000)
  }
  child.stdout!.on("data", collect)
  child.stderr!.on("data", collect)
  const store: RunningDevStore = {
    backendUrl: `http://localhost:${port}`,
    adminUrl: `http://localhost:${port}/app`,
    env,
    output: () => output,
    stop: () => stopGroup(child),
  }
  const ready = input.ready ?? /\[dev-store\] READY[\s\S]*\n\n/
  const deadline = Date.now() + (input.timeoutMs ?? 300_000)
  while (!ready.test(output)) {
    if (child.exitCode !== null) {
      throw new Error(`the dev store exited (${child.exitCode}) before it was ready:\n${output}`)
    }
    if (Date.now() > deadline) {
      await store.stop()
      throw new Error(`the dev store was not ready in time:\n${output.slice(-20_000)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return store
}

/** SIGTERM to the whole process group (medusa develop forks), SIGKILL after 30 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return
  const exited = new Promise((resolve) => child.once("exit", resolve))
  try {
    process.kill(-child.pid, "SIGTERM")
  } catch {
    return
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL")
    } catch {
      // gone already
    }
  }, 30_000)
  await exited
  clearTimeout(timer)
}

/**
 * While writing a browser test: BROWSER_DEV_STORE_URL=http://localhost:9000 uses a dev store you
 * started yourself (`npm run dev -- --reset`), its sandboxes on their port variables' ports.
 */
function alreadyRunning(backendUrl: string): RunningDevStore {
  const env: Record<string, string> = {
    DEV_STOREFRONT_PORT: process.env.DEV_STOREFRONT_PORT || "8000",
  }
  for (const gateway of gatewayDescriptors()) {
    const variable = gateway.dev.sandbox.portVariable
    env[variable] = process.env[variable] || String(gateway.dev.sandbox.defaultPort)
  }
  return {
    backendUrl,
    adminUrl: `${backendUrl}/app`,
    env,
    output: () => "",
    stop: async () => undefined,
  }
}
