/**
 * This repository's Medusa app as real operating-system processes (`medusa start`, the way a
 * production host runs it), for the suites and benchmarks that need more than the test runner's
 * one in-process app: several servers and a worker on one database (integration-tests/deployment)
 * or two apps side by side (integration-tests/bench). Each process logs to its own file, which a
 * failure prints the end of.
 */
import { ChildProcess, spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"

export const REPO_ROOT = path.resolve(__dirname, "../..")
const MEDUSA_CLI = require.resolve("@medusajs/cli/cli.js", { paths: [REPO_ROOT] })

export type WorkerMode = "shared" | "server" | "worker"

export interface MedusaProcessOptions {
  /** shown in errors and log file names, e.g. "server-a" */
  name: string
  port: number
  workerMode: WorkerMode
  /** the app's environment (DATABASE_URL, REDIS_URL, gateway variables, …) */
  env: Record<string, string | undefined>
  /** where the log file goes */
  logDir: string
  /** the app's folder (default: this repository) */
  cwd?: string
  /** how long to wait for /health (default 120 s) */
  bootTimeoutMs?: number
}

export interface MedusaProcess {
  readonly name: string
  readonly url: string
  readonly logFile: string
  readonly pid: number | undefined
  /** stops the process: SIGTERM (graceful) or SIGKILL (a crash), and waits for it to be gone */
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<void>
  /** whether the process is still running */
  running(): boolean
  /** the last lines of its log */
  logTail(lines?: number): string
  /** the whole log so far */
  log(): string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Starts `medusa start` in its own process group and resolves once /health answers. */
export async function startMedusaProcess(options: MedusaProcessOptions): Promise<MedusaProcess> {
  fs.mkdirSync(options.logDir, { recursive: true })
  const logFile = path.join(options.logDir, `${options.name}.log`)
  const out = fs.openSync(logFile, "a")
  const child = spawn(process.execPath, [MEDUSA_CLI, "start"], {
    cwd: options.cwd ?? REPO_ROOT,
    env: {
      ...cleanEnv(process.env),
      NODE_ENV: "development",
      MEDUSA_DISABLE_TELEMETRY: "true",
      DISABLE_MEDUSA_ADMIN: "true",
      ...cleanEnv(options.env),
      PORT: String(options.port),
      MEDUSA_WORKER_MODE: options.workerMode,
    },
    stdio: ["ignore", out, out],
    detached: true,
  })
  fs.closeSync(out)
  const process_ = wrap(options.name, `http://localhost:${options.port}`, logFile, child)
  try {
    await waitForHealth(process_, child, options.bootTimeoutMs ?? 120_000)
  } catch (error) {
    await process_.stop("SIGKILL")
    throw error
  }
  return process_
}

/** Runs a medusa CLI command (db:migrate, user, exec) to completion; its output on failure. */
export async function runMedusaCommand(
  args: string[],
  env: Record<string, string | undefined>,
  cwd = REPO_ROOT,
): Promise<string> {
  const child = spawn(process.execPath, [MEDUSA_CLI, ...args], {
    cwd,
    env: { ...cleanEnv(process.env), MEDUSA_DISABLE_TELEMETRY: "true", ...cleanEnv(env) },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout!.on("data", (chunk) => (output = (output + chunk).slice(-200_000)))
  child.stderr!.on("data", (chunk) => (output = (output + chunk).slice(-200_000)))
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve))
  if (code !== 0) throw new Error(`medusa ${args.join(" ")} exited with ${code}:\n${output}`)
  return output
}

function wrap(name: string, url: string, logFile: string, child: ChildProcess): MedusaProcess {
  const running = () => child.exitCode === null && child.signalCode === null
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  return {
    name,
    url,
    logFile,
    pid: child.pid,
    running,
    async stop(signal = "SIGTERM") {
      if (!running()) return
      // the whole group: `medusa start` may have children of its own
      const kill = (s: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, s)
        } catch {
          child.kill(s)
        }
      }
      kill(signal)
      const timeout = sleep(signal === "SIGKILL" ? 10_000 : 15_000).then(() => "timeout")
      if ((await Promise.race([exited.then(() => "exited"), timeout])) === "timeout") {
        kill("SIGKILL")
        await exited
      }
    },
    logTail(lines = 60) {
      return readLog(logFile).split("\n").slice(-lines).join("\n")
    },
    log() {
      return readLog(logFile)
    },
  }
}

async function waitForHealth(process_: MedusaProcess, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (!process_.running()) {
      throw new Error(
        `${process_.name} exited (${child.exitCode ?? child.signalCode}) before it answered:\n${process_.logTail()}`,
      )
    }
    try {
      const response = await fetch(`${process_.url}/health`, { signal: AbortSignal.timeout(2000) })
      if (response.status === 200) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${process_.name} did not answer /health in ${timeoutMs} ms:\n${process_.logTail()}`,
      )
    }
    await sleep(300)
  }
}

function readLog(file: string): string {
  try {
    return fs.readFileSync(file, "utf8")
  } catch {
    return ""
  }
}

/**
 * The environment without what a Jest worker adds for itself (JEST_WORKER_ID would name the
 * test database; NODE_OPTIONS carries the test runner's VM flags) and without unset keys.
 */
function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue
    if (key === "JEST_WORKER_ID" || key === "NODE_OPTIONS") continue
    out[key] = value
  }
  return out
}
