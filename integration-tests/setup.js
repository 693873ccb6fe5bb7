// Medusa keeps MikroORM entity metadata in a process-wide store; each suite boots a fresh app.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")
MetadataStorage.clear()
