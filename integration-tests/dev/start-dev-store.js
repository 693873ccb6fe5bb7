#!/usr/bin/env node
/**
 * `npm run dev`: boots this repository's dev store, i.e. Medusa server + admin with the plugin
 * loaded from `src` (medusa-config.ts at the repository root).
 *
 *   1. PostgreSQL: DATABASE_URL if set (also read from .env), else a local server on 5432,
 *      else an embedded one whose data persists in .data/embedded-postgres/dev.
 *   2. Creates the database (DEV_DB_NAME, default medusa_line_refunds_dev) and runs
 *      `medusa db:migrate`.
 *   3. Creates the admin user DEV_ADMIN_EMAIL / DEV_ADMIN_PASSWORD
 *      (default admin@medusa-test.com / supersecret) unless it exists.
 *   4. Starts the gateway sandboxes (integration-tests/dev/gateway-sandboxes.js) unless a real
 *      gateway key is configured, and points the payment providers at them; and the storefront
 *      return page the sandboxes send shoppers back to (storefront-return.ts, port
 *      DEV_STOREFRONT_PORT, default 8000; STOREFRONT_URL set means a storefront of your own).
 *   5. Runs `medusa develop` (PORT, default 9000) until Ctrl+C / SIGTERM, then stops the
 *      sandboxes, the storefront page and the embedded PostgreSQL.
 *   6. Once the server answers: into an empty store (no products, no orders) seeds the demo
 *      store once (demo-store.ts: the shop, and every gateway's demo orders paid at its
 *      sandbox), then prints the boot log: admin URL and login, the storefront, each sandbox's
 *      control page and the demo orders.
 *
 * `--reset`: drops the database first (then migrations, admin user and demo as on a new one).
 *
 * `--check` (or DEV_STORE_CHECK=1): does all of the above, waits for /health and the admin at
 * /app, logs in through POST /auth/user/emailpass, checks the gateway providers are registered,
 * seeds and verifies the demo orders when the database was empty, prints a summary, shuts
 * everything down and exits 0 (1 on failure, or after DEV_STORE_CHECK_TIMEOUT_MS, default 300000).
 */
"use strict"

const { spawn } = require("child_process")
const { startGatewaySandboxes } = require("./gateway-sandboxes")
const net = require("net")
const path = require("path")
const { ensurePostgres, REPO_ROOT, withClient } = require("../support/postgres")

const CHECK = process.argv.includes("--check") || process.env.DEV_STORE_CHECK === "1"
const RESET = process.argv.includes("--reset")
const STARTED_AT = Date.now()

function log(message) {
  console.log(`[dev-store] ${message}`)
}

function fail(message) {
  console.error(`[dev-store] ERROR: ${message}`)
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const MEDUSA_CLI = require.resolve("@medusajs/cli/cli.js", { paths: [REPO_ROOT] })

/** The medusa CLI command (db:migrate, user) running right now, to stop it on a signal. */
let currentCommand = null

/** Runs a medusa CLI command; output is collected and only shown when it fails. */
function runMedusa(args, env, { verbose = process.env.DEV_STORE_VERBOSE === "1" } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MEDUSA_CLI, ...args], {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", verbose ? "inherit" : "pipe", verbose ? "inherit" : "pipe"],
    })
    currentCommand = child
    child.on("exit", () => {
      if (currentCommand === child) currentCommand = null
    })
    let output = ""
    const collect = (chunk) => {
      output += chunk.toString()
      if (output.length > 200_000) output = output.slice(-100_000)
    }
    if (!verbose) {
      child.stdout.on("data", collect)
      child.stderr.on("data", collect)
    }
    child.on("error", (error) => resolve({ code: 1, output: `${output}\n${error.stack}` }))
    child.on("close", (code, signal) => resolve({ code: code === null ? 1 : code, signal, output }))
  })
}

async function ensureDatabase(database, dbName) {
  const connection = {
    host: database.host,
    port: database.port,
    user: database.user,
    password: database.password || undefined,
  }
  try {
    await withClient({ ...connection, database: "postgres" }, async (client) => {
      const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [
        dbName,
      ])
      if (rowCount === 0) {
        await client.query(`create database ${client.escapeIdentifier(dbName)}`)
        log(`created database ${dbName}`)
      }
    })
  } catch (error) {
    if (database.source !== "DATABASE_URL") throw error
    // A DATABASE_URL user may not be allowed into the maintenance database: let migrations tell.
    log(`could not check/create database ${dbName} (${error.message}); continuing`)
  }
}

/** Drops the dev database (`--reset`), closing the connections others hold to it. */
async function dropDatabase(database, dbName) {
  const connection = {
    host: database.host,
    port: database.port,
    user: database.user,
    password: database.password || undefined,
    database: "postgres",
  }
  await withClient(connection, async (client) => {
    await client.query(`drop database if exists ${client.escapeIdentifier(dbName)} with (force)`)
  })
  log(`dropped database ${dbName} (--reset)`)
}

/** The cart whose payment collection holds this payment session (the storefront return page). */
async function cartOfSession(connection, sessionId) {
  return withClient(connection, async (client) => {
    const { rows } = await client.query(
      `select link.cart_id from payment_session session
         join cart_payment_collection link
           on link.payment_collection_id = session.payment_collection_id
          and link.deleted_at is null
        where session.id = $1`,
      [sessionId],
    )
    return rows[0] ? rows[0].cart_id : null
  })
}

/** Whether the admin user exists with an email/password identity (the login `medusa user` makes). */
async function adminUserState(connection, email) {
  return withClient(connection, async (client) => {
    const user = await client.query(
      `select id from "user" where email = $1 and deleted_at is null`,
      [email],
    )
    const identity = await client.query(
      `select id from provider_identity where provider = 'emailpass' and entity_id = $1`,
      [email],
    )
    return { user: user.rowCount > 0, identity: identity.rowCount > 0 }
  })
}

function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "localhost" })
    const done = (answer) => {
      socket.destroy()
      resolve(answer)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once("connect", () => done(true))
    socket.once("error", () => done(false))
  })
}

async function httpGet(url, init = {}) {
  const response = await fetch(url, {
    redirect: "follow",
    ...init,
    signal: AbortSignal.timeout(30_000),
  })
  const body = await response.text()
  return { status: response.status, body, contentType: response.headers.get("content-type") || "" }
}

async function main() {
  // Medusa reads .env itself (medusa-config.ts); read it here too so a DATABASE_URL, PORT or
  // DEV_* set there is honoured by this script.
  try {
    require("@medusajs/framework/utils").loadEnv(process.env.NODE_ENV || "development", REPO_ROOT)
  } catch {
    // no framework utils: env files are simply not read here
  }

  const port = Number.parseInt(process.env.PORT || "9000", 10)
  const dbName = process.env.DEV_DB_NAME || "medusa_line_refunds_dev"
  const adminEmail = process.env.DEV_ADMIN_EMAIL || "admin@medusa-test.com"
  const adminPassword = process.env.DEV_ADMIN_PASSWORD || "supersecret"
  const checkTimeoutMs = Number.parseInt(process.env.DEV_STORE_CHECK_TIMEOUT_MS || "300000", 10)
  const storefrontPort = Number.parseInt(process.env.DEV_STOREFRONT_PORT || "8000", 10)
  const ownStorefront = !process.env.STOREFRONT_URL
  const timings = {}

  let database = null
  let medusa = null
  let shuttingDown = null
  let checkDeadline = null

  const stopPostgres = async () => {
    if (database && database.embedded) {
      log("stopping the embedded PostgreSQL")
      await database.stop().catch((error) => fail(`stopping PostgreSQL: ${error.message}`))
    }
  }

  let sandboxes = null
  let storefront = null

  /** Stops medusa develop and everything it forked (its own process group), then PostgreSQL. */
  const shutdown = (exitCode, reason) => {
    if (shuttingDown) return shuttingDown
    shuttingDown = (async () => {
      if (reason) log(reason)
      if (currentCommand) {
        const command = currentCommand
        command.kill("SIGINT")
        const deadline = Date.now() + 10_000
        while (command.exitCode === null && command.signalCode === null && Date.now() < deadline)
          await sleep(100)
        if (command.exitCode === null && command.signalCode === null) command.kill("SIGKILL")
      }
      // develop may have exited already while the server it forked still runs: stop the group.
      if (medusa) await stopProcessGroup(medusa)
      if (storefront) await storefront.close().catch(() => {})
      if (sandboxes) await sandboxes.stop()
      await stopPostgres()
      process.exit(exitCode)
    })()
    return shuttingDown
  }

  let signalCount = 0
  const onSignal = (signal) => {
    signalCount++
    if (signalCount > 1 && medusa) {
      log(`${signal} again: killing the dev store`)
      killGroup(medusa, "SIGKILL")
      return
    }
    shutdown(CHECK ? 1 : 0, `${signal} received, stopping the dev store`)
  }
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, onSignal)

  try {
    if (await portAnswers(port)) {
      throw new Error(
        `port ${port} is already in use (another dev store or Medusa server?). Stop it or set PORT.`,
      )
    }
    if (ownStorefront && (await portAnswers(storefrontPort))) {
      throw new Error(
        `port ${storefrontPort} (the storefront return page) is already in use. Stop it or set DEV_STOREFRONT_PORT.`,
      )
    }

    // 1. PostgreSQL
    let stepStarted = Date.now()
    database = await ensurePostgres({ purpose: "dev", log: (line) => log(line) })
    timings.postgres = Date.now() - stepStarted
    let databaseUrl
    let databaseName = dbName
    if (database.source === "DATABASE_URL") {
      databaseUrl = process.env.DATABASE_URL
      databaseName = database.database || dbName
    } else {
      const auth = database.password
        ? `${encodeURIComponent(database.user)}:${encodeURIComponent(database.password)}`
        : encodeURIComponent(database.user)
      databaseUrl = `postgres://${auth}@${database.host}:${database.port}/${encodeURIComponent(dbName)}`
    }
    const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }
    if (CHECK && !env.MEDUSA_DISABLE_TELEMETRY) env.MEDUSA_DISABLE_TELEMETRY = "true"
    const dbConnection = {
      host: database.host,
      port: database.port,
      user: database.user,
      password: database.password || undefined,
      database: databaseName,
    }

    // 2. database + migrations
    stepStarted = Date.now()
    if (RESET) await dropDatabase(database, databaseName)
    await ensureDatabase(database, databaseName)
    log("running migrations (medusa db:migrate)...")
    const migrate = await runMedusa(["db:migrate", "--execute-safe-links"], env)
    if (migrate.code !== 0) {
      console.error(migrate.output)
      throw new Error(`medusa db:migrate failed with exit code ${migrate.code}`)
    }
    timings.migrations = Date.now() - stepStarted
    log(`migrations done in ${seconds(timings.migrations)}`)

    // 3. admin user
    stepStarted = Date.now()
    const before = await adminUserState(dbConnection, adminEmail)
    if (before.user && before.identity) {
      log(`admin user ${adminEmail} already exists`)
    } else if (before.user || before.identity) {
      log(
        `admin user ${adminEmail} exists only partly (user: ${before.user}, emailpass identity: ` +
          `${before.identity}); not touching it. Drop the database ${databaseName} to start over.`,
      )
    } else {
      const created = await runMedusa(["user", "-e", adminEmail, "-p", adminPassword], env)
      const after = await adminUserState(dbConnection, adminEmail)
      if (!(after.user && after.identity)) {
        console.error(created.output)
        throw new Error(`medusa user failed to create ${adminEmail} (exit code ${created.code})`)
      }
      log(`created admin user ${adminEmail}`)
    }
    timings.adminUser = Date.now() - stepStarted

    // 4. gateway sandboxes
    sandboxes = await startGatewaySandboxes({ log, backendUrl: `http://localhost:${port}` })
    Object.assign(env, sandboxes.env)
    const storefrontUrl = ownStorefront
      ? `http://localhost:${storefrontPort}`
      : process.env.STOREFRONT_URL
    if (ownStorefront) env.STOREFRONT_URL = storefrontUrl
    else log(`STOREFRONT_URL is set: shoppers return to ${storefrontUrl}`)

    // 5. medusa develop, in its own process group so it and its forked server stop together
    const serverStarted = Date.now()
    log(`starting medusa develop on http://localhost:${port} (admin: http://localhost:${port}/app)`)
    let serverFailure = null
    medusa = spawn(process.execPath, [MEDUSA_CLI, "develop"], {
      cwd: REPO_ROOT,
      env,
      detached: process.platform !== "win32",
      stdio: ["ignore", CHECK ? "pipe" : "inherit", CHECK ? "pipe" : "inherit"],
    })
    if (CHECK) {
      // Forward the output, and notice when the forked server fails (medusa develop itself keeps
      // running and waits for file changes in that case).
      const watch = (stream, target) => {
        let pending = ""
        stream.on("data", (chunk) => {
          target.write(chunk)
          pending = (pending + chunk.toString()).slice(-10_000)
          if (
            !serverFailure &&
            /Error starting server|Dev server failed to start|Error: listen EADDRINUSE/.test(
              pending,
            )
          ) {
            serverFailure = "the Medusa server failed to start (see the output above)"
          }
        })
      }
      watch(medusa.stdout, process.stdout)
      watch(medusa.stderr, process.stderr)
    }
    medusa.on("exit", (code, signal) => {
      if (shuttingDown) return
      const exitCode = code === null ? 1 : code
      shutdown(CHECK ? 1 : exitCode, `medusa develop exited (${signal || `code ${exitCode}`})`)
    })

    // 6. the storefront return page and the demo (TypeScript, loaded while Medusa boots)
    const base = `http://localhost:${port}`
    const demoBoot = loadDemoBoot()
    let storeConnection = null
    let publishableKey = null
    if (ownStorefront) {
      storefront = await demoBoot.startDevStorefront({
        port: storefrontPort,
        backendUrl: base,
        publishableKey: async () => {
          if (!publishableKey && storeConnection)
            publishableKey = await demoBoot.storefrontKey(storeConnection)
          return publishableKey
        },
        cartOfSession: (sessionId) => cartOfSession(dbConnection, sessionId),
      })
      log(`storefront return page on ${storefront.url}`)
    }
    /** Seeds the demo into an empty store and prints the boot log; resolves to the demo. */
    const finishBoot = async (token) => {
      storeConnection = { backendUrl: base, admin: { token } }
      let demo = null
      try {
        demo = await demoBoot.prepareDemo({
          store: storeConnection,
          sandboxes: sandboxes.sandboxes,
          verify: CHECK,
          log,
        })
        if (demo.seeded)
          log(`demo store seeded: ${demo.orders.length} orders in ${seconds(demo.seedMs)}`)
      } catch (error) {
        if (CHECK) throw error
        fail(`seeding the demo store: ${error.message} (\`npm run dev -- --reset\` starts over)`)
      }
      console.log(
        demoBoot.bootLog({
          backendUrl: base,
          email: adminEmail,
          password: adminPassword,
          storefrontUrl: ownStorefront ? storefront.url : storefrontUrl,
          sandboxes: sandboxes.sandboxes,
          demo,
        }),
      )
      return demo
    }

    if (!CHECK) {
      // the dev store runs on whatever happens here: a failure is logged, never fatal
      waitUntilServing(base, () => shuttingDown)
        .then(() => demoBoot.adminLogin(base, adminEmail, adminPassword))
        .then(finishBoot)
        .catch((error) => fail(`after boot: ${error.message}`))
      return
    }

    // 7. --check
    checkDeadline = STARTED_AT + checkTimeoutMs
    const waitFor = async (what, probe) => {
      for (;;) {
        if (serverFailure) throw new Error(serverFailure)
        if (shuttingDown) throw new Error("medusa develop exited")
        if (Date.now() > checkDeadline)
          throw new Error(`timed out after ${seconds(checkTimeoutMs)} waiting for ${what}`)
        try {
          const result = await probe()
          if (result) return result
        } catch {
          // not up yet
        }
        await sleep(1000)
      }
    }
    // medusa develop restarts its server when a file of the project changes (an editor, a
    // formatter...): a lost connection sends the probes back to waiting for /health.
    let adminModules
    let adminToken
    for (let attempt = 1; ; attempt++) {
      try {
        await waitFor(
          "GET /health to answer 200",
          async () => (await httpGet(`${base}/health`)).status === 200,
        )
        if (!timings.health) timings.health = Date.now() - serverStarted
        log(`GET /health -> 200 after ${seconds(Date.now() - serverStarted)}`)

        const admin = await waitFor("GET /app (admin) to answer 200", async () => {
          const response = await httpGet(`${base}/app`)
          return response.status === 200 && /html/i.test(response.contentType) ? response : null
        })
        log(
          `GET /app -> 200 ${admin.contentType.split(";")[0]} after ${seconds(Date.now() - serverStarted)}`,
        )
        // The HTML alone says little: have Vite compile the admin entry and every module it
        // reaches (dashboard, admin extensions of src/admin and of plugins), which fails on a
        // broken extension.
        adminModules = await crawlAdmin(base, () => {
          if (serverFailure) throw new Error(serverFailure)
          if (Date.now() > checkDeadline)
            throw new Error(`timed out after ${seconds(checkTimeoutMs)} compiling the admin`)
        })
        timings.admin = Date.now() - serverStarted
        log(
          `admin compiled: ${adminModules} modules fetched from /app/entry.jsx on, after ${seconds(timings.admin)}`,
        )

        const login = await fetch(`${base}/auth/user/emailpass`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: adminEmail, password: adminPassword }),
          signal: AbortSignal.timeout(30_000),
        })
        const loginBody = await login.json().catch(() => ({}))
        if (login.status !== 200 || typeof loginBody.token !== "string") {
          throw new Error(
            `POST /auth/user/emailpass -> ${login.status} ${JSON.stringify(loginBody)}`,
          )
        }
        log(`POST /auth/user/emailpass -> 200 with a token`)
        adminToken = loginBody.token
        const me = await fetch(`${base}/admin/users/me`, {
          headers: { authorization: `Bearer ${loginBody.token}` },
          signal: AbortSignal.timeout(30_000),
        })
        const meBody = await me.json().catch(() => ({}))
        if (me.status !== 200 || !meBody.user || meBody.user.email !== adminEmail) {
          throw new Error(`GET /admin/users/me -> ${me.status} ${JSON.stringify(meBody)}`)
        }
        log(`GET /admin/users/me -> 200 (${meBody.user.email})`)
        const providersAnswer = await fetch(`${base}/admin/payments/payment-providers?limit=100`, {
          headers: { authorization: `Bearer ${loginBody.token}` },
          signal: AbortSignal.timeout(30_000),
        })
        const registered = (
          (await providersAnswer.json().catch(() => ({}))).payment_providers || []
        ).map((p) => p.id)
        const missing = sandboxes.providers.filter((id) => !registered.includes(id))
        if (missing.length)
          throw new Error(`payment providers not registered: ${missing.join(", ")}`)
        log(`payment providers registered: ${registered.join(", ")}`)
        break
      } catch (error) {
        const connectionLost =
          error && error.name === "TypeError" && /fetch failed/i.test(error.message)
        if (!connectionLost || attempt >= 5 || serverFailure || shuttingDown) throw error
        const cause = error.cause && (error.cause.code || error.cause.message)
        log(`lost the server (${cause || error.message}); it may be restarting, waiting again`)
        await sleep(2000)
      }
    }

    if (ownStorefront) {
      const page = await httpGet(`${storefront.url}/`)
      if (page.status !== 200) throw new Error(`storefront return page -> ${page.status}`)
    }
    const demo = await finishBoot(adminToken)
    const demoLine = demo.seeded
      ? `${demo.orders.length} seeded and verified in ${seconds(demo.seedMs)}`
      : `not seeded (database not empty), ${demo.orders.length} found`
    console.log(
      [
        "",
        "[dev-store] CHECK PASSED",
        `  database:        ${database.description}`,
        `  DATABASE_URL:    ${databaseUrl.replace(/:[^:@/]*@/, ":***@")}`,
        `  server:          ${base} (/health 200)`,
        `  admin:           ${base}/app (200, ${adminModules} modules compiled), login ${adminEmail} ok`,
        `  postgres ready:  ${seconds(timings.postgres)}`,
        `  migrations:      ${seconds(timings.migrations)}`,
        `  admin user:      ${seconds(timings.adminUser)}`,
        `  server healthy:  ${seconds(timings.health)} after spawn`,
        `  admin served:    ${seconds(timings.admin)} after spawn`,
        `  demo orders:     ${demoLine}`,
        `  total:           ${seconds(Date.now() - STARTED_AT)}`,
        "",
      ].join("\n"),
    )
    await shutdown(0, "check done, shutting down")
  } catch (error) {
    fail(error && error.message ? error.message : String(error))
    await shutdown(1)
  }
}

/** The TypeScript half of the dev store (demo, storefront page), through ts-node. */
function loadDemoBoot() {
  require("ts-node").register({ transpileOnly: true })
  return {
    ...require("./demo-boot"),
    ...require("./storefront-return"),
    adminLogin: require("./store-http").adminLogin,
  }
}

/** Resolves once GET /health answers 200; gives up only when the dev store is stopping. */
async function waitUntilServing(base, stopping) {
  for (;;) {
    if (stopping()) throw new Error("the dev store is stopping")
    try {
      if ((await httpGet(`${base}/health`)).status === 200) return
    } catch {
      // not up yet
    }
    await sleep(1000)
  }
}

/**
 * Fetches /app/entry.jsx and, transitively, every module it imports through Vite, without
 * descending into pre-bundled dependencies (/.vite/deps/, fetched but only their non-deps
 * imports such as virtual:medusa/* are followed). Resolves to the number of modules fetched.
 */
async function crawlAdmin(base, checkAlive, attempt = 1) {
  const importPattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\/app\/[^"'\s]+)["']/g
  const seen = new Set()
  const queue = ["/app/entry.jsx"]
  while (queue.length > 0 && seen.size < 1000) {
    const url = queue.shift()
    if (seen.has(url)) continue
    seen.add(url)
    checkAlive()
    const response = await fetch(`${base}${url}`, { signal: AbortSignal.timeout(180_000) })
    const body = await response.text()
    if (response.status === 504 && attempt < 4) {
      // "Outdated Optimize Dep": Vite re-optimised its dependencies meanwhile; start over.
      await sleep(2000)
      return crawlAdmin(base, checkAlive, attempt + 1)
    }
    const contentType = response.headers.get("content-type") || ""
    if (response.status !== 200) {
      throw new Error(`admin module ${url} -> ${response.status}: ${body.slice(0, 2000)}`)
    }
    if (!/javascript|css/i.test(contentType)) {
      // Medusa answers a module Vite failed to transform with the admin's index.html (200).
      throw new Error(
        `admin module ${url} did not compile (got ${contentType || "no content type"} instead of ` +
          `JavaScript; see the Vite error above)`,
      )
    }
    const fromDeps = url.includes("/.vite/deps/")
    for (const match of body.matchAll(importPattern)) {
      const next = match[1]
      if (fromDeps && next.includes("/.vite/deps/")) continue
      if (!seen.has(next)) queue.push(next)
    }
  }
  if (process.env.DEV_STORE_VERBOSE === "1") log(`admin modules:\n  ${[...seen].join("\n  ")}`)
  return seen.size
}

function killGroup(child, signal) {
  try {
    if (process.platform === "win32") child.kill(signal)
    else process.kill(-child.pid, signal)
    return true
  } catch {
    return false // group gone
  }
}

function groupAlive(child) {
  try {
    process.kill(process.platform === "win32" ? child.pid : -child.pid, 0)
    return true
  } catch (error) {
    return error.code === "EPERM"
  }
}

/** SIGINT to the whole group (develop + forked server), SIGKILL after 20 s. */
async function stopProcessGroup(child) {
  if (!groupAlive(child)) return
  killGroup(child, "SIGINT")
  const deadline = Date.now() + 20_000
  while (groupAlive(child) && Date.now() < deadline) await sleep(200)
  if (groupAlive(child)) {
    log("medusa did not stop within 20s, killing it")
    killGroup(child, "SIGKILL")
    const hardDeadline = Date.now() + 5000
    while (groupAlive(child) && Date.now() < hardDeadline) await sleep(100)
  }
}

main()
