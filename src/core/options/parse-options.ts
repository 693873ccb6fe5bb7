import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"

/**
 * Parses a module's or provider's options, failing with every bad option named
 * (`Invalid options for <owner>: apiKey: …; timeoutMs: …`) so a misconfigured store stops at boot
 * instead of failing its first customer. Values are never echoed: options hold secrets.
 */
export function parseOptions<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  owner: string,
): z.infer<T> {
  const parsed = schema.safeParse(raw ?? {})
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues
    .map((issue) => {
      const name =
        issue.path.join(".") ||
        (issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "options")
      return `${name}: ${issue.message}`
    })
    .join("; ")
  throw invalidOptions(owner, problems)
}

export function invalidOptions(owner: string, problems: string): MedusaError {
  return new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `Invalid options for ${owner}: ${problems}`,
  )
}
