/**
 * Jest global setup of the "integration" project: makes sure a PostgreSQL server is available
 * (explicit DB_* env, else a local server on 5432, else an embedded one) and exposes it through
 * the DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD variables that @medusajs/test-utils reads when it
 * is loaded. Jest starts its workers after this, so every suite sees these variables.
 */
"use strict"

const { ensurePostgres } = require("./postgres")

module.exports = async () => {
  // Medusa logs every migration of every boot at info level: only errors, so a failure stands out
  // (LOG_LEVEL=info brings it all back).
  process.env.LOG_LEVEL ??= "error"
  const database = await ensurePostgres({
    purpose: "test",
    log: (line) => console.log(`\n[integration] ${line}`),
  })
  process.env.DB_HOST = database.host
  process.env.DB_PORT = String(database.port)
  process.env.DB_USERNAME = database.user
  process.env.DB_PASSWORD = database.password
  // Read by jest-global-teardown.js (globalSetup and globalTeardown share this global object).
  globalThis.__LINE_REFUNDS_POSTGRES__ = database
}
