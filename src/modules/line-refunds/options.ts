import { MedusaError } from "@medusajs/framework/utils"
import { z } from "zod"

/** Store-level options of the plugin (the `options` of its entry in `plugins`). */
export const lineRefundsOptionsSchema = z
  .object({
    /** refund a return automatically when it is received (default: off, staff press Refund) */
    autoRefundOnReturnReceived: z.boolean().default(false),
    /** with auto-refund on: also refund the remaining shipping with the return */
    autoRefundShipping: z.boolean().default(false),
    /**
     * A refund of the same amount on the same payment within this many seconds, with no received
     * return left to refund, is refused as a probable double click. 0 turns the guard off.
     */
    duplicateRefundWindowSeconds: z.number().int().min(0).max(86_400).default(120),
    /** how long a refund waits for another refund of the same payment to finish */
    lockTimeoutSeconds: z.number().int().min(1).max(600).default(30),
  })
  // Medusa adds keys of its own to module options (e.g. `database`); unknown keys are reported
  // by the boot loader rather than refused.
  .strip()

export type LineRefundsOptions = z.infer<typeof lineRefundsOptionsSchema>

/** Option keys Medusa itself puts into every module's options. */
const MEDUSA_INJECTED_KEYS = new Set(["database"])

/** Keys in the options that the plugin does not know: usually a typo in medusa-config. */
export function unknownOptionKeys(raw: unknown): string[] {
  if (!raw || typeof raw !== "object") return []
  const known = new Set(Object.keys(lineRefundsOptionsSchema.shape))
  return Object.keys(raw).filter((key) => !known.has(key) && !MEDUSA_INJECTED_KEYS.has(key))
}

/** Parses options, failing with the offending option's name so a bad config stops the boot. */
export function parseLineRefundsOptions(raw: unknown): LineRefundsOptions {
  const parsed = lineRefundsOptionsSchema.safeParse(raw ?? {})
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => {
        const name =
          issue.path.join(".") ||
          (issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "options")
        return `${name}: ${issue.message}`
      })
      .join("; ")
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid options for medusa-payment-line-refunds: ${problems}`,
    )
  }
  return parsed.data
}
