/**
 * Jest global teardown of the "integration" project: stops the embedded PostgreSQL if the global
 * setup started one (a local or explicitly configured server is left alone).
 */
"use strict"

module.exports = async () => {
  const database = globalThis.__LINE_REFUNDS_POSTGRES__
  globalThis.__LINE_REFUNDS_POSTGRES__ = undefined
  if (database && database.embedded) {
    await database.stop()
  }
}
