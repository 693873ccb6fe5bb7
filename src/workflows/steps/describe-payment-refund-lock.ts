import { generateEntityId } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { paymentRefundLockKey } from "../payment-refund-lock"

/**
 * The lock a refund run takes on its payment. A step (not a transform) so the owner id is made
 * once and kept: acquire and release must use the same owner, and a release by a late run can
 * then never free a lock another run holds.
 */
export const describePaymentRefundLockStep = createStep(
  "line-refunds-describe-payment-refund-lock",
  async (input: { payment_id: string; lock_timeout_seconds: number }) =>
    new StepResponse({
      key: paymentRefundLockKey(input.payment_id),
      ownerId: generateEntityId(undefined, "lrlock"),
      timeout: input.lock_timeout_seconds,
      ttl: 120,
    }),
)
