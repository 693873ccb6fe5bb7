import { parseOptions } from "../../core/options"
import { z } from "zod"

/** 5 fields (minute hour day month weekday), or 6 with seconds first, as Medusa's scheduler reads them. */
const CRON_FIELD = /^[\d*/,\-?LW#A-Za-z]+$/
function isCronExpression(value: string): boolean {
  const fields = value.trim().split(/\s+/)
  return (fields.length === 5 || fields.length === 6) && fields.every((f) => CRON_FIELD.test(f))
}

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
    /**
     * When the reconciliation job looks for refunds the gateway has not settled yet (cron).
     * Read when the job is loaded at boot.
     */
    reconcilePendingSchedule: z
      .string()
      .refine(isCronExpression, 'must be a cron expression of 5 or 6 fields, e.g. "*/15 * * * *"')
      .default("*/15 * * * *"),
    /**
     * A refund still pending this many minutes after it was made is looked up at its gateway, in
     * case the gateway's notification was lost.
     */
    reconcilePendingAfterMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(30),
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
  return parseOptions(lineRefundsOptionsSchema, raw, "medusa-payment-line-refunds")
}
