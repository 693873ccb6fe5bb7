import { z } from "zod"

export const AdminRefundReturnBody = z
  .object({
    /** which of the order's payments to refund; by default the one with the most left to refund */
    payment_id: z.string().min(1).optional(),
    /** also refund the order's shipping that is left to refund */
    include_shipping: z.boolean().optional(),
    note: z.string().optional(),
    refund_reason_id: z.string().optional(),
  })
  .strict()

export type AdminRefundReturnBodyType = z.infer<typeof AdminRefundReturnBody>
