// Medusa keeps MikroORM entity metadata in a process-wide store; each suite boots a fresh app.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")
MetadataStorage.clear()

// The test runner restores the database from a template before every test, which ends the pooled
// connections; knex then warns once per dead connection. Known and harmless: kept out of the
// output so that real failures stand out.
const KNEX_RESTORE_NOISE = /^Connection Error: Connection ended unexpectedly$/
const log = console.log
console.log = (...args) => {
  if (args.length === 1 && typeof args[0] === "string" && KNEX_RESTORE_NOISE.test(args[0])) return
  log(...args)
}

// Every in-process test app keeps its event bus, workflow engine and locks in memory: a REDIS_URL
// from the shell would make parallel suites share one queue. The multi-process deployment suite
// (integration-tests/deployment) hands Redis to the processes it starts itself.
delete process.env.REDIS_URL
