import { z } from "zod"

/** Lines and shipping staff chose to refund without a return. */
export const AdminChosenLinesBody = z
  .object({
    lines: z
      .array(
        z.object({ line_item_id: z.string().min(1), quantity: z.number().int().min(0) }).strict(),
      )
      .default([]),
    shipping_method_ids: z.array(z.string().min(1)).default([]),
    /** which of the order's payments to refund; by default the one with the most left to refund */
    payment_id: z.string().min(1).optional(),
  })
  .strict()

export const AdminRefundChosenLinesBody = AdminChosenLinesBody.extend({
  note: z.string().optional(),
  refund_reason_id: z.string().optional(),
}).strict()

export type AdminChosenLinesBodyType = z.infer<typeof AdminChosenLinesBody>
export type AdminRefundChosenLinesBodyType = z.infer<typeof AdminRefundChosenLinesBody>
