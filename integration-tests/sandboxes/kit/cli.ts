/**
 * What each sandbox's main.ts runs: reads the port and host from the environment, starts the
 * sandbox, prints where it listens (never a secret: only URLs are printed), and stops cleanly
 * on SIGINT/SIGTERM so the dev store's child processes never linger.
 */

export interface CliSandbox {
  /** what to print, e.g. { API: "http://127.0.0.1:4010/v1/json/" } */
  urls: Record<string, string>
  close(): Promise<void>
}

export interface CliOptions {
  /** lower case, e.g. "optty": the log prefix "[optty-sandbox]" */
  name: string
  /** e.g. "OPTTY_SANDBOX": the port and host come from OPTTY_SANDBOX_PORT, OPTTY_SANDBOX_HOST */
  envPrefix: string
  defaultPort: number
}

/** A variable's value, or `fallback` when it is unset or empty. */
export function envText(name: string, fallback: string): string {
  return process.env[name] || fallback
}

/** A comma-separated list; [] when unset. */
export function envList(name: string): string[] {
  return (process.env[name] ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
}

/** One of `choices`, or undefined when unset; the error names the choices, not the value. */
export function envChoice<C extends string>(name: string, choices: readonly C[]): C | undefined {
  const value = process.env[name]
  if (value === undefined || value === "") return undefined
  if (!(choices as readonly string[]).includes(value)) {
    throw new Error(`${name} must be one of ${choices.map((c) => `"${c}"`).join(", ")}`)
  }
  return value as C
}

export function envPort(name: string, fallback: number): number {
  const raw = process.env[name]
  const port = raw === undefined || raw === "" ? fallback : Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} is not a port: ${raw}`)
  }
  return port
}

export function runSandboxCli(
  options: CliOptions,
  start: (listen: { port: number; host: string }) => Promise<CliSandbox>,
): void {
  const prefix = `[${options.name}-sandbox]`
  const run = async () => {
    const sandbox = await start({
      port: envPort(`${options.envPrefix}_PORT`, options.defaultPort),
      host: envText(`${options.envPrefix}_HOST`, "127.0.0.1"),
    })
    for (const [label, url] of Object.entries(sandbox.urls))
      console.log(`${prefix} ${label} ${url}`)
    const stop = (signal: string) => {
      console.log(`${prefix} ${signal}: stopping`)
      sandbox.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`${prefix} failed to stop: ${describe(error)}`)
          process.exit(1)
        },
      )
    }
    process.once("SIGINT", () => stop("SIGINT"))
    process.once("SIGTERM", () => stop("SIGTERM"))
  }
  run().catch((error: unknown) => {
    console.error(`${prefix} failed to start: ${describe(error)}`)
    process.exit(1)
  })
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
