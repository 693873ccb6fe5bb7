#!/usr/bin/env node
/**
 * A store owner's install of the packed plugin, end to end (`npm run test:packed`, CI runs it):
 *
 *   1. `npm run build` (skipped with --skip-build, e.g. right after CI's own build), then
 *      `npm pack` of this working tree (or PACKED_STORE_TARBALL=<file.tgz> to check a given one);
 *   2. the files in the tarball: every package its code imports is a dependency or
 *      peerDependency (or a Node built-in); no tests shipped;
 *   3. a copy of integration-tests/store-template (a fresh Medusa 2.21.2 store) in a temp dir,
 *      `npm install <tarball>` there (npm cache first: --prefer-offline);
 *   4. in that store: the package's exports resolve; its imports resolve from where it was
 *      installed; the admin's singletons (react, @medusajs/ui, @tanstack/react-query,
 *      @medusajs/js-sdk, …) are the very copies the Medusa dashboard uses;
 *   5. a fresh database (PostgreSQL from integration-tests/support/postgres.js: DB_* env, else
 *      localhost:5432, else an embedded one), `npx medusa db:migrate`, the plugin's tables
 *      line_refund, line_refund_unit and line_refund_claim exist, `npx medusa user`;
 *   6. the gateway sandboxes (integration-tests/dev/gateway-sandboxes.js, ports = each
 *      descriptor's default + 300) and `npx medusa develop` on PORT 9300, the providers pointed
 *      at the sandboxes through the store's environment;
 *   7. POST /auth/user/emailpass, GET /admin/payments/payment-providers lists the plugin's
 *      providers (one per registered id, every gateway descriptor covered), the plugin's admin
 *      route answers, and the admin the store serves (/app → entry.jsx → the plugin's admin
 *      module, as Vite serves it) holds the plugin's widgets, every module it imports answering;
 *   8. an order (admin API), and its page in Chromium (playwright-core; CHROMIUM_PATH, else
 *      /usr/bin/chromium; skipped without one unless PACKED_STORE_BROWSER=1): the widget calls
 *      the plugin's route with the dashboard's QueryClient and the page throws nothing.
 *
 * Everything it started is stopped and the database and temp dir are removed on exit, also on
 * failure or Ctrl+C (PACKED_STORE_KEEP=1 keeps the temp dir). Exit code 0 only if all passed.
 *
 * Environment: PACKED_STORE_PORT (9300), PACKED_STORE_PORT_OFFSET (300: sandbox ports are their
 * defaults plus this), PACKED_STORE_TIMEOUT_MS (boot wait, 180000), PACKED_STORE_TARBALL,
 * PACKED_STORE_KEEP, PACKED_STORE_VERBOSE=1 (show npm and Medusa output as it runs).
 */
"use strict"

const { spawn } = require("child_process")
const crypto = require("crypto")
const fs = require("fs")
const fsp = require("fs/promises")
const { builtinModules } = require("module")
const os = require("os")
const path = require("path")

const REPO_ROOT = path.resolve(__dirname, "../..")
const TEMPLATE_DIR = path.join(REPO_ROOT, "integration-tests/store-template")
const PACKAGE = require(path.join(REPO_ROOT, "package.json"))

/** The providers integration-tests/store-template/medusa-config.ts registers. */
const EXPECTED_PROVIDERS = [
  "pp_multisafepay_multisafepay",
  "pp_multisafepay_klarna",
  "pp_optty_optty",
  "pp_worldline_worldline",
  "pp_smartpay_smartpay",
]
/** The plugin's ledger tables `medusa db:migrate` must create. */
const EXPECTED_TABLES = ["line_refund", "line_refund_unit", "line_refund_claim"]
/** Packages the admin must share with the Medusa dashboard (one React, one QueryClient …). */
const ADMIN_SINGLETONS = [
  "react",
  "react-dom",
  "react-router-dom",
  "@medusajs/ui",
  "@medusajs/icons",
  "@medusajs/js-sdk",
  "@medusajs/admin-sdk",
  "@tanstack/react-query",
]
/** Packages the server code must share with the store's Medusa. */
const SERVER_SINGLETONS = ["@medusajs/framework", "@medusajs/medusa"]

const ARGS = new Set(process.argv.slice(2))
const SKIP_BUILD = ARGS.has("--skip-build")
const VERBOSE = process.env.PACKED_STORE_VERBOSE === "1"
const KEEP = process.env.PACKED_STORE_KEEP === "1"
const OFFSET = Number.parseInt(process.env.PACKED_STORE_PORT_OFFSET || "300", 10)
const PORT = Number.parseInt(process.env.PACKED_STORE_PORT || String(9000 + OFFSET), 10)
const BOOT_TIMEOUT_MS = Number.parseInt(process.env.PACKED_STORE_TIMEOUT_MS || "180000", 10)
const ADMIN_EMAIL = "owner@packed-store.test"
const ADMIN_PASSWORD = crypto.randomBytes(12).toString("hex")

const STARTED = Date.now()
const timings = []
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`
const log = (message) => console.log(`[packed-store] ${message}`)

class CheckFailure extends Error {}
const fail = (message) => {
  throw new CheckFailure(message)
}

async function step(name, fn) {
  const started = Date.now()
  log(`${name} ...`)
  const result = await fn()
  const ms = Date.now() - started
  timings.push([name, ms])
  log(`${name}: ok (${secs(ms)})`)
  return result
}

// ---------------------------------------------------------------------------------------------
// processes

/** Runs a command to completion; its output is kept and shown when it fails. */
function run(command, args, { cwd, env = process.env, allowFailure = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    })
    running.add(child)
    let output = ""
    let stdout = ""
    const collect = (chunk) => {
      output += chunk.toString()
      if (output.length > 400_000) output = output.slice(-200_000)
    }
    child.stdout.on("data", (chunk) => {
      stdout += chunk.toString()
      collect(chunk)
      if (VERBOSE) process.stdout.write(chunk)
    })
    child.stderr.on("data", (chunk) => {
      collect(chunk)
      if (VERBOSE) process.stderr.write(chunk)
    })
    child.on("error", reject)
    child.on("close", (code, signal) => {
      running.delete(child)
      if (code === 0 || allowFailure) return resolve({ code, output, stdout })
      reject(
        new CheckFailure(
          `\`${[command, ...args].join(" ")}\` failed (${signal || `exit code ${code}`})\n` +
            tail(output, 80),
        ),
      )
    })
  })
}

const running = new Set()

function tail(text, lines) {
  return text.split("\n").slice(-lines).join("\n")
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal)
  } catch {
    try {
      child.kill(signal)
    } catch {
      // already gone
    }
  }
}

/** Stops a detached child and everything it forked (its process group). */
async function stopGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    if (child) killGroup(child, "SIGKILL") // a forked server may outlive its parent
    return
  }
  killGroup(child, "SIGTERM")
  const deadline = Date.now() + 5_000
  while (child.exitCode === null && child.signalCode === null && Date.now() < deadline)
    await sleep(100)
  killGroup(child, "SIGKILL")
}

// ---------------------------------------------------------------------------------------------
// packaging checks on files

/** The bare package names a built file imports (require, import … from, import(), export … from). */
function importedPackages(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "")
  const specifiers = new Set()
  const patterns = [
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /^\s*(?:import|export)\b[^"';]*?\bfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
  ]
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) specifiers.add(match[1])
  }
  return [...specifiers].filter((s) => !s.startsWith(".") && !s.startsWith("/"))
}

function packageName(specifier) {
  const parts = specifier.split("/")
  return specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]
}

function isBuiltin(specifier) {
  return specifier.startsWith("node:") || builtinModules.includes(packageName(specifier))
}

async function listFiles(dir) {
  const out = []
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await listFiles(full)))
    else out.push(full)
  }
  return out
}

/** node_modules/<name> as Node's lookup finds it from `fromDir` (exports are not consulted). */
function packageDirFrom(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name)
    if (fs.existsSync(path.join(candidate, "package.json"))) return fs.realpathSync(candidate)
    if (path.dirname(dir) === dir) return null
  }
}

// ---------------------------------------------------------------------------------------------
// database

const { withClient } = require("../support/postgres")

// ---------------------------------------------------------------------------------------------
// HTTP

async function http(url, init = {}) {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) })
  const body = await response.text()
  return { status: response.status, type: response.headers.get("content-type") || "", body }
}

function json(text, what) {
  try {
    return JSON.parse(text)
  } catch {
    return fail(`${what} did not answer JSON: ${text.slice(0, 300)}`)
  }
}

/** The /app/... URLs a module served by Vite imports. */
function servedImports(code) {
  const urls = new Set()
  for (const match of code.matchAll(/\b(?:from|import)\s*\(?\s*["'](\/app\/[^"']+)["']/g))
    urls.add(match[1])
  return [...urls]
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const state = { tempDir: null, database: null, dbName: null, sandboxes: null, medusa: null }
  let cleaning = null
  const cleanup = () => {
    if (!cleaning) {
      cleaning = (async () => {
        for (const child of running) child.kill("SIGTERM")
        if (state.browser) await state.browser.close().catch(() => {})
        if (state.medusa) await stopGroup(state.medusa).catch(() => {})
        if (state.sandboxes) await state.sandboxes.stop().catch(() => {})
        if (state.database && state.dbName) {
          await withClient({ ...state.database.connection, database: "postgres" }, (client) =>
            client.query(
              `drop database if exists ${client.escapeIdentifier(state.dbName)} with (force)`,
            ),
          ).catch((error) => log(`could not drop database ${state.dbName}: ${error.message}`))
        }
        if (state.database) await state.database.stop().catch(() => {})
        if (state.tempDir) {
          if (KEEP) log(`kept ${state.tempDir} (PACKED_STORE_KEEP=1)`)
          else await fsp.rm(state.tempDir, { recursive: true, force: true }).catch(() => {})
        }
      })()
    }
    return cleaning
  }
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      state.interrupted = true
      log(`${signal}: stopping`)
      cleanup().finally(() => process.exit(1))
    })
  }

  try {
    await checks(state)
    await step("clean up", cleanup)
    log("timings:")
    for (const [name, ms] of timings) log(`  ${secs(ms).padStart(7)}  ${name}`)
    log(`PASSED in ${secs(Date.now() - STARTED)}`)
  } catch (error) {
    if (state.interrupted) return // the signal handler cleans up and exits
    console.error(
      `\n[packed-store] FAILED: ${error instanceof CheckFailure ? error.message : error.stack}\n`,
    )
    if (state.medusaLog && fs.existsSync(state.medusaLog)) {
      console.error(`--- medusa develop (last lines of ${state.medusaLog}) ---`)
      console.error(tail(fs.readFileSync(state.medusaLog, "utf8"), 80))
    }
    await cleanup()
    process.exit(1)
  }
}

async function checks(state) {
  // A store owner's environment: nothing of this repository's dev settings.
  const baseEnv = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" }
  delete baseEnv.NODE_ENV
  delete baseEnv.DATABASE_URL
  delete baseEnv.PORT
  // nor what `npm run` tells its scripts about this repository
  for (const key of Object.keys(baseEnv)) {
    if (/^npm_(package|lifecycle)_|^npm_config_local_prefix$|^INIT_CWD$/i.test(key))
      delete baseEnv[key]
  }

  state.tempDir = await fsp.mkdtemp(path.join(os.tmpdir(), "line-refunds-packed-store-"))
  const storeDir = path.join(state.tempDir, "store")

  // 1. build and pack
  let tarball = process.env.PACKED_STORE_TARBALL
  if (tarball) {
    tarball = path.resolve(tarball)
    log(`checking the given tarball ${tarball}`)
  } else {
    if (!SKIP_BUILD) {
      await step("plugin build (npm run build)", () =>
        run("npm", ["run", "build"], { cwd: REPO_ROOT, env: baseEnv }),
      )
    }
    if (!fs.existsSync(path.join(REPO_ROOT, ".medusa/server/src"))) {
      fail("no build in .medusa/server: run `npm run build` first (or drop --skip-build)")
    }
    tarball = await step("npm pack", async () => {
      const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", state.tempDir], {
        cwd: REPO_ROOT,
        env: baseEnv,
      })
      const packed = json(stdout.slice(stdout.indexOf("[")), "npm pack --json")[0]
      log(`${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} kB`)
      return path.join(state.tempDir, packed.filename)
    })
  }

  // 3. the fresh store, with the tarball installed the way a store owner installs the package
  await step(
    "fresh store from integration-tests/store-template, npm install <tarball>",
    async () => {
      await fsp.cp(TEMPLATE_DIR, storeDir, {
        recursive: true,
        filter: (source) => !/[\\/](node_modules|\.medusa)([\\/]|$)/.test(source),
      })
      await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], {
        cwd: storeDir,
        env: baseEnv,
      })
    },
  )
  const pluginDir = path.join(storeDir, "node_modules", PACKAGE.name)
  const installed = JSON.parse(fs.readFileSync(path.join(pluginDir, "package.json"), "utf8"))

  // 2 + 4. what was installed: files, imports, exports, singletons
  await step("installed package: files, imports, exports, shared copies", async () => {
    const problems = []
    const files = await listFiles(pluginDir)
    const rel = (file) => path.relative(pluginDir, file)
    const code = files.filter((f) => /\.(c|m)?js$/.test(f))
    if (!code.some((f) => rel(f).startsWith(".medusa/server/src/")))
      problems.push("the package holds no .medusa/server/src code (check `files` and the build)")
    const tests = files.filter((f) => /__tests__|__fixtures__|\.spec\.|\.test\./.test(rel(f)))
    if (tests.length) problems.push(`tests shipped: ${tests.map(rel).slice(0, 5).join(", ")}`)

    const declared = new Set([
      PACKAGE.name,
      ...Object.keys(installed.dependencies || {}),
      ...Object.keys(installed.peerDependencies || {}),
    ])
    const undeclared = new Map()
    for (const file of code) {
      const source = fs.readFileSync(file, "utf8")
      const server = file.endsWith(".js") && !rel(file).startsWith(".medusa/server/src/admin/")
      for (const specifier of importedPackages(source)) {
        if (isBuiltin(specifier)) continue
        const name = packageName(specifier)
        if (!declared.has(name)) {
          undeclared.set(name, new Set([...(undeclared.get(name) || []), rel(file)]))
          continue
        }
        // server code is CommonJS: each import must resolve from where the package is installed
        if (server) {
          try {
            require.resolve(specifier, { paths: [path.dirname(file)] })
          } catch (error) {
            problems.push(`${rel(file)}: require("${specifier}") does not resolve (${error.code})`)
          }
        }
      }
      // and so must its own files (a file left out of the package)
      if (server) {
        for (const match of source.matchAll(/\brequire\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g)) {
          try {
            require.resolve(match[1], { paths: [path.dirname(file)] })
          } catch {
            problems.push(`${rel(file)}: require("${match[1]}") is not in the package`)
          }
        }
      }
    }
    for (const [name, where] of undeclared) {
      problems.push(
        `"${name}" is imported (${[...where].slice(0, 3).join(", ")}) but is neither a dependency nor a peerDependency`,
      )
    }
    // everything the build produced is in the package (`files`)
    if (!process.env.PACKED_STORE_TARBALL) {
      const built = (await listFiles(path.join(REPO_ROOT, ".medusa/server"))).map((f) =>
        path.relative(REPO_ROOT, f),
      )
      const shipped = new Set(files.map(rel))
      const left = built.filter((f) => !shipped.has(f))
      if (left.length)
        problems.push(`built files left out of the package: ${left.slice(0, 5).join(", ")}`)
    }

    // the entry points a store's medusa-config.ts and Medusa itself resolve
    const srcDir = path.join(pluginDir, ".medusa/server/src")
    const subdirs = (dir) =>
      fs.existsSync(path.join(srcDir, dir))
        ? fs
            .readdirSync(path.join(srcDir, dir), { withFileTypes: true })
            .filter((e) => e.isDirectory())
            .map((e) => `${dir}/${e.name}`)
        : []
    const entries = ["package.json", "workflows", ...subdirs("providers"), ...subdirs("modules")]
    // resolved by a node in the store: from here the name would resolve to this repository
    // itself (a package's self-reference), exports and all
    const { stdout } = await run(
      process.execPath,
      [
        "-e",
        `const bad = []
        for (const entry of JSON.parse(process.argv[1])) {
          try { require.resolve(entry) } catch (error) { bad.push(entry + " (" + error.code + ")") }
        }
        console.log(JSON.stringify(bad))`,
        JSON.stringify(entries.map((entry) => `${PACKAGE.name}/${entry}`)),
      ],
      { cwd: storeDir },
    )
    for (const entry of json(stdout.trim().split("\n").pop(), "the store's require.resolve"))
      problems.push(`${entry} does not resolve from the store`)
    for (const [condition, file] of Object.entries(installed.exports?.["./admin"] || {})) {
      if (!fs.existsSync(path.join(pluginDir, file)))
        problems.push(`exports["./admin"].${condition} → ${file} is not in the package`)
    }
    if (!installed.exports?.["./admin"]) problems.push(`package.json has no exports["./admin"]`)

    // one copy of what must be shared
    const dashboardDir = packageDirFrom(
      "@medusajs/dashboard",
      packageDirFrom("@medusajs/medusa", storeDir),
    )
    const adminDir = path.join(pluginDir, ".medusa/server/src/admin")
    for (const name of ADMIN_SINGLETONS) {
      const mine = packageDirFrom(name, adminDir)
      const dashboards = packageDirFrom(name, dashboardDir)
      if (!mine) problems.push(`${name} cannot be found from the plugin's admin code`)
      else if (mine !== dashboards)
        problems.push(
          `${name}: the plugin's admin gets ${path.relative(storeDir, mine)}, the dashboard ` +
            `${dashboards ? path.relative(storeDir, dashboards) : "none"} (two copies: align the peerDependency range with the dashboard's)`,
        )
    }
    for (const name of SERVER_SINGLETONS) {
      const mine = packageDirFrom(name, pluginDir)
      if (mine !== packageDirFrom(name, storeDir))
        problems.push(`${name}: the plugin gets another copy than the store (${mine})`)
    }
    if (problems.length) fail(`packaging problems:\n  - ${problems.join("\n  - ")}`)
  })

  // 5. database and migrations
  const { ensurePostgres } = require("../support/postgres")
  const server = await step("PostgreSQL", () =>
    ensurePostgres({ purpose: "test", log: (line) => log(line) }),
  )
  state.database = {
    stop: server.stop,
    connection: {
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password || undefined,
    },
  }
  const dbName = `medusa_line_refunds_packed_${crypto.randomBytes(4).toString("hex")}`
  await withClient({ ...state.database.connection, database: "postgres" }, (client) =>
    client.query(`create database ${client.escapeIdentifier(dbName)}`),
  )
  state.dbName = dbName
  const auth = server.password
    ? `${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}`
    : encodeURIComponent(server.user)
  const backendUrl = `http://localhost:${PORT}`

  // 6a. the gateway sandboxes, each on its default port + OFFSET; a configured key would make
  // the launcher skip its sandbox, so none is taken from this environment
  const descriptors = loadDescriptors()
  for (const gateway of descriptors) {
    delete process.env[gateway.dev.enabledBy]
    process.env[gateway.dev.sandbox.portVariable] = String(gateway.dev.sandbox.defaultPort + OFFSET)
  }
  const { startGatewaySandboxes } = require("../dev/gateway-sandboxes")
  state.sandboxes = await step("gateway sandboxes", () =>
    startGatewaySandboxes({ log: (line) => log(line), backendUrl: `http://localhost:${PORT}` }),
  )

  const storeEnv = {
    ...baseEnv,
    ...state.sandboxes.env, // the providers' API URLs and the sandboxes' made-up credentials
    DATABASE_URL: `postgres://${auth}@${server.host}:${server.port}/${dbName}`,
    PORT: String(PORT),
    MEDUSA_BACKEND_URL: backendUrl,
    STOREFRONT_URL: "http://localhost:8000",
    ADMIN_CORS: backendUrl,
    AUTH_CORS: backendUrl,
  }

  await step("npx medusa db:migrate", async () => {
    await run("npx", ["medusa", "db:migrate"], { cwd: storeDir, env: storeEnv })
    const found = await withClient({ ...state.database.connection, database: dbName }, (client) =>
      client.query(`select table_name from information_schema.tables where table_name = any($1)`, [
        EXPECTED_TABLES,
      ]),
    )
    const names = found.rows.map((r) => r.table_name)
    const missing = EXPECTED_TABLES.filter((t) => !names.includes(t))
    if (missing.length) fail(`db:migrate did not create the plugin's tables: ${missing.join(", ")}`)
  })
  await step("npx medusa user", () =>
    run("npx", ["medusa", "user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], {
      cwd: storeDir,
      env: storeEnv,
    }),
  )

  // 6b. the store
  await step(`npx medusa develop (port ${PORT})`, async () => {
    state.medusaLog = path.join(state.tempDir, "medusa-develop.log")
    const out = fs.openSync(state.medusaLog, "a")
    state.medusa = spawn("npx", ["medusa", "develop"], {
      cwd: storeDir,
      env: storeEnv,
      detached: true,
      stdio: ["ignore", VERBOSE ? "inherit" : out, VERBOSE ? "inherit" : out],
    })
    fs.closeSync(out)
    const deadline = Date.now() + BOOT_TIMEOUT_MS
    for (;;) {
      if (state.medusa.exitCode !== null) fail(`medusa develop exited (${state.medusa.exitCode})`)
      const booted = await http(`${backendUrl}/health`).catch(() => null)
      if (booted && booted.status === 200) break
      const logText = VERBOSE ? "" : fs.readFileSync(state.medusaLog, "utf8")
      // develop keeps watching after its server crashed: the log tells
      if (/Error starting server|Dev server failed|Loaders for module .* failed/.test(logText))
        fail("the store did not boot")
      if (Date.now() > deadline)
        fail(`no answer on ${backendUrl}/health in ${secs(BOOT_TIMEOUT_MS)}`)
      await sleep(500)
    }
  })

  // 7. the admin API and the admin app
  const token = await step("POST /auth/user/emailpass", async () => {
    const login = await http(`${backendUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    })
    if (login.status !== 200) fail(`login answered ${login.status}: ${login.body.slice(0, 300)}`)
    return json(login.body, "login").token
  })
  const headers = { authorization: `Bearer ${token}` }

  await step("GET /admin/payments/payment-providers", async () => {
    const answer = await http(`${backendUrl}/admin/payments/payment-providers?limit=100`, {
      headers,
    })
    if (answer.status !== 200) fail(`payment-providers answered ${answer.status}`)
    const ids = json(answer.body, "payment-providers").payment_providers.map((p) => p.id)
    log(`providers: ${ids.join(", ")}`)
    const missing = EXPECTED_PROVIDERS.filter((id) => !ids.includes(id))
    if (missing.length) fail(`providers not registered: ${missing.join(", ")}`)
    const uncovered = descriptors.filter(
      (g) => !ids.some((id) => id.startsWith(`pp_${g.identifier}_`)),
    )
    if (uncovered.length)
      fail(
        `gateways without a provider in the store: ${uncovered.map((g) => g.identifier).join(", ")} ` +
          `(register them in integration-tests/store-template/medusa-config.ts and EXPECTED_PROVIDERS)`,
      )
  })

  await step("the plugin's admin route answers", async () => {
    // an unknown order: the plugin's handler answers Medusa's JSON not_found (a route that is not
    // there answers Express's HTML 404)
    const answer = await http(`${backendUrl}/admin/line-refunds/orders/order_packed_check`, {
      headers,
    })
    const body = answer.type.includes("json") ? json(answer.body, "line-refunds") : null
    if (!(answer.status === 404 && body?.type === "not_found"))
      fail(
        `GET /admin/line-refunds/orders/:id answered ${answer.status}: ${answer.body.slice(0, 200)}`,
      )
  })

  await step("the admin serves the plugin's widgets", async () => {
    const builtAdmin = fs.readFileSync(
      path.join(pluginDir, ".medusa/server/src/admin/index.mjs"),
      "utf8",
    )
    const widgetIds = [...builtAdmin.matchAll(/widgetId:\s*"([^"]+)"/g)].map((m) => m[1])
    if (widgetIds.length === 0) fail("the package's admin build (admin/index.mjs) holds no widget")

    let lastProblem = ""
    for (let attempt = 1; attempt <= 4; attempt++) {
      // Vite re-optimizes when it discovers a dependency and then answers 504 for old URLs
      if (attempt > 1) await sleep(2000)
      const page = await http(`${backendUrl}/app/`)
      if (page.status !== 200 || !page.body.includes('id="medusa"')) {
        lastProblem = `GET /app/ answered ${page.status}`
        continue
      }
      const entryUrl = page.body.match(/<script[^>]+src="(\/app\/[^"]*entry\.jsx[^"]*)"/)?.[1]
      if (!entryUrl) fail("the admin page loads no entry.jsx")
      const entry = await http(`${backendUrl}${entryUrl}`)
      if (entry.status !== 200) {
        lastProblem = `${entryUrl} answered ${entry.status}: ${entry.body.slice(0, 300)}`
        continue
      }
      const pluginUrl = servedImports(entry.body).find((url) => url.includes(PACKAGE.name))
      if (!pluginUrl) fail(`the admin's entry.jsx does not import ${PACKAGE.name}/admin`)
      const served = await http(`${backendUrl}${pluginUrl}`)
      if (served.status !== 200) {
        lastProblem = `${pluginUrl} answered ${served.status}: ${served.body.slice(0, 500)}`
        continue
      }
      const missing = widgetIds.filter((id) => !served.body.includes(id))
      if (missing.length) fail(`the served admin module lacks the widgets ${missing.join(", ")}`)
      if (!/widgetModule\s*=\s*\{\s*widgets:\s*\[\s*\{/.test(served.body))
        fail("the served admin module registers no widget")

      // every module it imports (its externals: React, @medusajs/ui, …) must be served
      const seen = new Set([pluginUrl])
      const queue = servedImports(served.body)
      let broken = null
      while (queue.length && !broken && seen.size < 300) {
        const url = queue.shift()
        if (seen.has(url)) continue
        seen.add(url)
        const module = await http(`${backendUrl}${url}`)
        if (module.status !== 200 || !/javascript/.test(module.type))
          broken = `${url} → ${module.status}`
        else queue.push(...servedImports(module.body))
      }
      if (broken) {
        lastProblem = `a module the widget imports is not served: ${broken}`
        continue
      }
      log(`${pluginUrl}: widgets ${widgetIds.join(", ")}; ${seen.size - 1} imported modules served`)
      return
    }
    fail(lastProblem)
  })

  // 8. the widget runs in the dashboard: on an order page it asks the plugin's route through the
  // JS SDK with the dashboard's own QueryClient (another copy of @tanstack/react-query would throw
  // "No QueryClient set" instead)
  const chromiumPath = findChromium()
  if (!chromiumPath) {
    if (process.env.PACKED_STORE_BROWSER === "1") fail("no Chromium (set CHROMIUM_PATH)")
    log("SKIPPED the order page in Chromium: no Chromium found (apt-get install -y chromium)")
    return
  }
  const orderId = await step("an order (admin API: region, draft order, convert)", async () => {
    const admin = async (route, body) => {
      const answer = await http(`${backendUrl}${route}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(body),
      })
      if (answer.status !== 200) fail(`POST ${route} answered ${answer.status}: ${answer.body}`)
      return json(answer.body, route)
    }
    const { region } = await admin("/admin/regions", {
      name: "Netherlands",
      currency_code: "eur",
      countries: ["nl"],
      payment_providers: ["pp_multisafepay_multisafepay"],
    })
    const { draft_order: draft } = await admin("/admin/draft-orders", {
      email: "shopper@packed-store.test",
      region_id: region.id,
      items: [{ title: "Shirt", quantity: 2, unit_price: 25 }],
    })
    return (await admin(`/admin/draft-orders/${draft.id}/convert-to-order`, {})).order.id
  })
  await step("the widget on the order page (Chromium)", async () => {
    const { chromium } = require("playwright-core")
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-dev-shm-usage"],
    })
    state.browser = browser
    try {
      const page = await browser.newPage()
      page.setDefaultTimeout(BOOT_TIMEOUT_MS)
      const errors = []
      let threw
      const pageThrew = new Promise((_, reject) => (threw = reject))
      pageThrew.catch(() => {})
      page.on("pageerror", (error) => {
        errors.push(error.message)
        threw(new CheckFailure(`the admin threw: ${error.message}`))
      })
      await page.goto(`${backendUrl}/app/login`)
      await page.fill('input[name="email"]', ADMIN_EMAIL)
      await page.fill('input[name="password"]', ADMIN_PASSWORD)
      await page.click('button[type="submit"]')
      await page.waitForURL(/\/app\/orders/)
      const widgetCall = page.waitForResponse(
        (r) => r.url().includes(`/admin/line-refunds/orders/${orderId}`),
        { timeout: 120_000 },
      )
      await page.goto(`${backendUrl}/app/orders/${orderId}`)
      const answer = await Promise.race([widgetCall, pageThrew]).catch((error) =>
        fail(
          error instanceof CheckFailure
            ? error.message
            : `the widget never called /admin/line-refunds/orders/:id (${error.message})`,
        ),
      )
      const body = await answer.json().catch(() => null)
      if (answer.status() !== 200 || body?.order_id !== orderId)
        fail(`the widget's call answered ${answer.status()}: ${JSON.stringify(body)}`)
      await page.getByText("shopper@packed-store.test").first().waitFor()
      await sleep(1000)
      if (errors.length) fail(`the order page threw: ${errors.join(" | ")}`)
    } finally {
      state.browser = null
      await browser.close().catch(() => {})
    }
  })
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]
  return candidates.find((file) => file && fs.existsSync(file)) || null
}

/** The gateway descriptors, read with the same TypeScript loader the sandboxes run with. */
function loadDescriptors() {
  require("ts-node").register({ transpileOnly: true })
  return require(path.join(REPO_ROOT, "src/gateway-kit/descriptors")).gatewayDescriptors()
}

main()
