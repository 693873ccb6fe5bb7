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

/**
 * A provider instance's fixed payment method must be one it allows storefronts to pick, when it
 * lists those: `.superRefine(fixedAmongAllowed("gateway", "allowedGateways"))`.
 */
export function fixedAmongAllowed<K extends string, A extends string>(fixed: K, allowed: A) {
  return (
    options: { [key in K]?: string | null } & { [key in A]?: readonly string[] | null },
    ctx: z.RefinementCtx,
  ): void => {
    const method = options[fixed]
    const list = options[allowed]
    if (method && list && !list.includes(method)) {
      ctx.addIssue({ code: "custom", path: [fixed], message: `must be one of ${allowed}` })
    }
  }
}

/** `parseOptions` bound to one schema and owner: the boot-time parser of a provider's options. */
export function optionsParser<T extends z.ZodType>(schema: T, owner: string) {
  return (raw: unknown): z.infer<T> => parseOptions(schema, raw, owner)
}
