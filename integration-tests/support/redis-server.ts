/**
 * The Redis a multi-process suite runs on: REDIS_URL when set, else the local server on
 * 127.0.0.1:6379, else a `redis-server` started here on a free port when one is installed (kept
 * in memory, stopped afterwards). When there is none, the suite reports itself as not run with
 * the reason; `.ci/run` installs redis-server so that never happens in CI.
 *
 * Speaks the few inline RESP commands it needs over a socket, so it needs no client library.
 */
import { ChildProcess, execFileSync, spawn } from "node:child_process"
import net from "node:net"

export type RedisChoice =
  | { available: true; url: string; source: string; stop: () => Promise<void> }
  | { available: false; reason: string }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Sends inline commands and resolves to the raw answer once `until` matches it. */
export function redisCommand(
  url: string,
  commands: string[],
  until: RegExp = /\r\n$/,
  timeoutMs = 2000,
): Promise<string> {
  const { hostname, port, password } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname || "127.0.0.1", port: Number(port || 6379) })
    let answer = ""
    const done = (error: Error | null) => {
      socket.destroy()
      if (error) reject(error)
      else resolve(answer)
    }
    socket.setTimeout(timeoutMs, () => done(new Error(`no answer from Redis at ${hostname}`)))
    socket.once("error", done)
    socket.once("connect", () => {
      const auth = password ? [`AUTH ${decodeURIComponent(password)}`] : []
      socket.write([...auth, ...commands].map((c) => `${c}\r\n`).join(""))
    })
    socket.on("data", (chunk) => {
      answer += chunk.toString()
      if (until.test(answer)) done(null)
    })
  })
}

async function answersPing(url: string): Promise<boolean> {
  try {
    return (await redisCommand(url, ["PING"], /PONG|NOAUTH|ERR/)).includes("PONG")
  } catch {
    return false
  }
}

/** Empties one logical database of the server (the suite's own, named in its URL's path). */
export async function flushRedisDatabase(url: string): Promise<void> {
  const db = Number(new URL(url).pathname.replace("/", "") || "0")
  const answer = await redisCommand(url, [`SELECT ${db}`, "FLUSHDB"], /(\+OK\r\n){2}|-ERR/)
  if (!answer.startsWith("+OK")) throw new Error(`Redis did not flush database ${db}: ${answer}`)
}

/** `database`: the logical database the suite uses (its queues must not meet anybody else's). */
export async function ensureRedis(database: number): Promise<RedisChoice> {
  const withDb = (base: string) => {
    const url = new URL(base)
    url.pathname = `/${database}`
    return url.toString()
  }
  const keep = async () => {}
  if (process.env.REDIS_URL) {
    if (await answersPing(process.env.REDIS_URL)) {
      return {
        available: true,
        url: withDb(process.env.REDIS_URL),
        source: "REDIS_URL",
        stop: keep,
      }
    }
    return { available: false, reason: `REDIS_URL is set but Redis does not answer there` }
  }
  if (await answersPing("redis://127.0.0.1:6379")) {
    const url = withDb("redis://127.0.0.1:6379")
    return { available: true, url, source: "the local server on 6379", stop: keep }
  }
  let binary: string
  try {
    binary = execFileSync("sh", ["-c", "command -v redis-server"]).toString().trim()
  } catch {
    return {
      available: false,
      reason:
        "no Redis: REDIS_URL is not set, nothing answers on 127.0.0.1:6379 and redis-server is not installed (apt-get install -y redis-server)",
    }
  }
  const port = await freePort()
  const child: ChildProcess = spawn(
    binary,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  )
  const base = `redis://127.0.0.1:${port}`
  const deadline = Date.now() + 10_000
  while (!(await answersPing(base))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL")
      return { available: false, reason: `redis-server (${binary}) did not start on ${port}` }
    }
    await sleep(100)
  }
  return {
    available: true,
    url: withDb(base),
    source: `redis-server started on ${port}`,
    stop: async () => {
      child.kill("SIGTERM")
      await new Promise((resolve) => child.once("exit", resolve))
    },
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}
