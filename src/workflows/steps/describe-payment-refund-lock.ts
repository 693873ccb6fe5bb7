import { generateEntityId } from "@medusajs/framework/utils"
import { createStep, StepResponse, transform } from "@medusajs/framework/workflows-sdk"
import {
  acquirePaymentRefundLeaseStep,
  releasePaymentRefundLeaseStep,
} from "./payment-refund-lease"

/** One lock per payment covers "write plan + refund": payment.data is shared state. */
export function paymentRefundLockKey(paymentId: string): string {
  return `line-refunds:payment:${paymentId}`
}

/**
 * The lock a refund run takes on its payment. A step (not a transform) so the owner id is made
 * once and kept: acquire and release must use the same owner, and a release by a late run can
 * then never free a lock another run holds. The lock is a lease its holder renews
 * (payment-refund-lease.ts): it never expires under a running refund, and lapses soon after a
 * holder that died.
 */
export const describePaymentRefundLockStep = createStep(
  "line-refunds-describe-payment-refund-lock",
  async (input: { payment_id: string; lock_timeout_seconds: number }) =>
    new StepResponse({
      key: paymentRefundLockKey(input.payment_id),
      ownerId: generateEntityId(undefined, "lrlock"),
      timeout: input.lock_timeout_seconds,
    }),
)

/**
 * Takes the payment's refund lock for the steps composed after it, in a workflow's composition.
 * Returns what releases it, to call after the last step that needs it (a failed run releases it
 * through the acquire step's compensation).
 */
export function lockPaymentRefunds(
  input: Parameters<typeof describePaymentRefundLockStep>[0],
): () => void {
  const lock = describePaymentRefundLockStep(input)
  acquirePaymentRefundLeaseStep(lock)
  return () => {
    releasePaymentRefundLeaseStep(
      transform({ lock }, ({ lock }) => ({ key: lock.key, ownerId: lock.ownerId })),
    )
  }
}
