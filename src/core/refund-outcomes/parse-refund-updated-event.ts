import { z } from "zod"
import { RefundUpdatedEvent } from "./types"

const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string in major units, e.g. "12.50"')

const reportSchema = z.object({
  gateway_reference: z.string().min(1),
  status: z.enum(["pending", "succeeded", "failed"]),
  amount: decimal,
  currency_code: z.string().regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 code"),
  idempotency_key: z.string().min(1).nullish(),
  gateway_status: z.string().nullish(),
  reason: z.string().nullish(),
  created_at: z.string().nullish(),
})

const eventSchema = z.object({
  provider: z.string().min(1),
  session_id: z.string().min(1),
  payment_reference: z.string(),
  refunds: z.array(reportSchema),
  absent_after_seconds: z.number().int().min(0).nullish(),
  source: z.enum(["webhook", "reconciliation"]),
})

/**
 * Checks an event's shape before anything acts on it. Our own providers publish it, but a Redis
 * event bus serialises it and a store's custom code may publish it too: a malformed event must be
 * refused whole, never half-applied.
 */
export function parseRefundUpdatedEvent(data: unknown): RefundUpdatedEvent {
  const parsed = eventSchema.safeParse(data)
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "event"}: ${issue.message}`)
      .join("; ")
    throw new Error(`Malformed line_refunds.refund_updated event: ${problems}`)
  }
  return parsed.data
}
