/**
 * A store deployed the way a host runs it: a database of its own (migrated with `medusa
 * db:migrate`, an admin made with `medusa user`), the gateway sandboxes, and one or more
 * `medusa start` processes of this repository's app (integration-tests/support/medusa-process.ts)
 * — e.g. two servers and a worker on Redis. Used by the multi-process suite
 * (integration-tests/deployment) and the benchmarks (integration-tests/bench).
 *
 * PostgreSQL comes from the DB_* variables the Jest global setup exports
 * (integration-tests/support/jest-global-setup.js), else the local server.
 */
import path from "node:path"
import os from "node:os"
import fs from "node:fs"
import { gatewayDescriptors } from "../../src/gateway-kit/descriptors"
import { seedDemoShop, type DemoShop } from "../dev/demo-shop"
import { adminLogin, type AdminAuth } from "../dev/store-http"
import { freePort } from "./redis-server"
import {
  MedusaProcess,
  REPO_ROOT,
  runMedusaCommand,
  startMedusaProcess,
  WorkerMode,
} from "./medusa-process"

// plain CommonJS shared with the dev store (see their headers)
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { withClient, loadPg } = require("./postgres") as {
  withClient: <T>(connection: object, fn: (client: PgClient) => Promise<T>) => Promise<T>
  loadPg: () => { Client: new (connection: object) => PgClient & PgConnection }
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startGatewaySandboxes } = require("../dev/gateway-sandboxes") as {
  startGatewaySandboxes: (input: {
    log: (line: string) => void
    backendUrl: string
    quiet?: boolean
  }) => Promise<{
    env: Record<string, string>
    sandboxes: StartedSandbox[]
    stop: () => Promise<void>
  }>
}

interface PgConnection {
  connect(): Promise<void>
  end(): Promise<void>
  on(event: "error", listener: () => void): void
}

interface PgClient {
  query(text: string, params?: unknown[]): Promise<{ rows: any[]; rowCount: number }>
  escapeIdentifier(name: string): string
}

export interface StartedSandbox {
  identifier: string
  name: string
  origin: string
}

export interface DeploymentProcess {
  name: string
  workerMode: WorkerMode
}

export interface DeploymentOptions {
  /** names the database (`medusa_line_refunds_<name>`) and the log folder */
  name: string
  processes: DeploymentProcess[]
  /** REDIS_URL of every process; without it each process keeps its bus, engine and locks in memory */
  redisUrl?: string
  /** start the gateway sandboxes (their ports: each descriptor's default + this offset) */
  sandboxPortOffset?: number
  /** extra environment of every process */
  env?: Record<string, string>
  /** the app's folder (default: this repository) */
  cwd?: string
  /** seed the demo shop through the first server (needs the sandboxes) */
  demoShop?: boolean
}

export interface Deployment {
  /** the first process that serves HTTP: where the gateways notify */
  url: string
  admin: AdminAuth
  shop: DemoShop | null
  sandboxes: StartedSandbox[]
  databaseUrl: string
  logDir: string
  process(name: string): MedusaProcess
  /** starts a stopped (or killed) process again, with the same port and environment */
  restart(name: string): Promise<MedusaProcess>
  /** a query on the deployment's database */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>
  /**
   * Runs `text` (e.g. a `select … for update`) in a transaction left open, so the rows it locks
   * stay locked until `release()` rolls it back: how a test stops a process at a chosen write.
   */
  hold(text: string, params?: unknown[]): Promise<{ release(): Promise<void> }>
  stop(): Promise<void>
}

const ADMIN = { email: "admin@deployment.test", password: "supersecret" }

export async function startDeployment(options: DeploymentOptions): Promise<Deployment> {
  const cwd = options.cwd ?? REPO_ROOT
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), `line-refunds-${options.name}-`))
  const connection = {
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || undefined,
  }
  const dbName = `medusa_line_refunds_${options.name.replace(/\W/g, "_")}`
  const auth = connection.password
    ? `${encodeURIComponent(connection.user)}:${encodeURIComponent(connection.password)}`
    : encodeURIComponent(connection.user)
  const databaseUrl = `postgres://${auth}@${connection.host}:${connection.port}/${dbName}`
  await withClient({ ...connection, database: "postgres" }, async (client) => {
    await client.query(`drop database if exists ${client.escapeIdentifier(dbName)} with (force)`)
    await client.query(`create database ${client.escapeIdentifier(dbName)}`)
  })

  const ports = new Map<string, number>()
  for (const p of options.processes) ports.set(p.name, await freePort())
  const firstServer = options.processes.find((p) => p.workerMode !== "worker")
  if (!firstServer) throw new Error("a deployment needs a process that serves HTTP")
  const url = `http://localhost:${ports.get(firstServer.name)}`

  const started: { stop: () => Promise<void> }[] = []
  const processes = new Map<string, MedusaProcess>()
  const stop = async () => {
    await Promise.all([...processes.values()].map((p) => p.stop("SIGTERM")))
    for (const s of started.reverse()) await s.stop().catch(() => undefined)
  }

  try {
    let sandboxes: StartedSandbox[] = []
    const env: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      MEDUSA_BACKEND_URL: url,
      STOREFRONT_URL: "http://localhost:8000",
      LOG_LEVEL: process.env.DEPLOYMENT_LOG_LEVEL || "info",
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      ...options.env,
    }
    if (options.sandboxPortOffset !== undefined) {
      const gateways = await withSandboxPorts(options.sandboxPortOffset, () =>
        startGatewaySandboxes({ log: () => undefined, backendUrl: url, quiet: true }),
      )
      started.push(gateways)
      sandboxes = gateways.sandboxes
      Object.assign(env, gateways.env)
    }
    await runMedusaCommand(["db:migrate", "--execute-safe-links"], env, cwd)
    await runMedusaCommand(["user", "-e", ADMIN.email, "-p", ADMIN.password], env, cwd)

    const boot = (p: DeploymentProcess) =>
      startMedusaProcess({
        name: p.name,
        port: ports.get(p.name)!,
        workerMode: p.workerMode,
        env,
        logDir,
        cwd,
      }).then((started) => processes.set(p.name, started))
    await Promise.all(options.processes.map(boot))

    const admin: AdminAuth = { token: await adminLogin(url, ADMIN.email, ADMIN.password) }
    const shop = options.demoShop ? await seedDemoShop({ backendUrl: url, admin }) : null

    return {
      url,
      admin,
      shop,
      sandboxes,
      databaseUrl,
      logDir,
      process(name) {
        const found = processes.get(name)
        if (!found) throw new Error(`no process ${name} in this deployment`)
        return found
      },
      async restart(name) {
        const spec = options.processes.find((p) => p.name === name)
        if (!spec) throw new Error(`no process ${name} in this deployment`)
        await processes.get(name)?.stop("SIGTERM")
        await boot(spec)
        return processes.get(name)!
      },
      sql: (text, params) =>
        withClient({ ...connection, database: dbName }, async (client) => {
          return (await client.query(text, params)).rows
        }),
      async hold(text, params) {
        const { Client } = loadPg()
        const client = new Client({ ...connection, database: dbName })
        client.on("error", () => undefined)
        await client.connect()
        await client.query("begin")
        await client.query(text, params)
        return {
          async release() {
            await client.query("rollback").catch(() => undefined)
            await client.end().catch(() => undefined)
          },
        }
      },
      stop,
    }
  } catch (error) {
    const logs = [...processes.values()].map((p) => `--- ${p.name} ---\n${p.logTail(40)}`)
    await stop()
    if (logs.length) (error as Error).message += `\n${logs.join("\n")}`
    throw error
  }
}

/** Runs `fn` with every sandbox's port variable set to its default + offset. */
async function withSandboxPorts<T>(offset: number, fn: () => Promise<T>): Promise<T> {
  const saved: Record<string, string | undefined> = {}
  for (const gateway of gatewayDescriptors()) {
    const { portVariable, defaultPort } = gateway.dev.sandbox
    saved[portVariable] = process.env[portVariable]
    process.env[portVariable] ??= String(defaultPort + offset)
  }
  try {
    return await fn()
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  }
}
