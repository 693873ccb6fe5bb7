import { existsSync, readdirSync } from "node:fs"
import path from "node:path"
import { GatewayDescriptor } from "./descriptor"

const PROVIDERS_DIR = path.join(__dirname, "..", "providers")

let loaded: readonly GatewayDescriptor[] | null = null

/**
 * Every gateway of the plugin: the `descriptor` each folder under `src/providers` exports,
 * found on disk (the same layout in `src` and in the built `.medusa/server/src`), so adding a
 * gateway never edits a list here. Sorted by identifier; read once.
 */
export function gatewayDescriptors(): readonly GatewayDescriptor[] {
  if (loaded) return loaded
  const found: GatewayDescriptor[] = []
  for (const folder of readdirSync(PROVIDERS_DIR, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue
    const base = path.join(PROVIDERS_DIR, folder.name, "descriptor")
    if (![".ts", ".js"].some((ext) => existsSync(base + ext))) continue
    const { descriptor } = require(base) as { descriptor?: GatewayDescriptor }
    if (!descriptor?.identifier) {
      throw new Error(`${base} must export a GatewayDescriptor as "descriptor"`)
    }
    found.push(descriptor)
  }
  loaded = found.sort((a, b) => a.identifier.localeCompare(b.identifier))
  return loaded
}

/** The gateway a Medusa provider id (`pp_<identifier>_<id>`) belongs to, or null. */
export function descriptorOfProvider(
  providerId: string | null | undefined,
): GatewayDescriptor | null {
  if (typeof providerId !== "string") return null
  // the longest identifier first: "acme_eu" is not a provider of "acme"
  const matching = gatewayDescriptors().filter((d) => providerId.startsWith(`pp_${d.identifier}_`))
  return matching.sort((a, b) => b.identifier.length - a.identifier.length)[0] ?? null
}

/** The gateway with this identifier, or null. */
export function descriptorOf(identifier: string): GatewayDescriptor | null {
  return gatewayDescriptors().find((d) => d.identifier === identifier) ?? null
}
