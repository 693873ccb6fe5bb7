import { generateEntityId } from "@medusajs/framework/utils"
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createStep, StepResponse, transform } from "@medusajs/framework/workflows-sdk"

/** One lock per payment covers "write plan + refund": payment.data is shared state. */
export function paymentRefundLockKey(paymentId: string): string {
  return `line-refunds:payment:${paymentId}`
}

/**
 * How long the lock may live if its holder dies without releasing it. Longer than any refund
 * takes, gateway timeouts and retries included, so it never expires under a running refund.
 */
export const PAYMENT_REFUND_LOCK_TTL_SECONDS = 300

/**
 * The lock a refund run takes on its payment. A step (not a transform) so the owner id is made
 * once and kept: acquire and release must use the same owner, and a release by a late run can
 * then never free a lock another run holds. `executeOnSubWorkflow`: the lock must hold even when
 * a store runs our workflow inside one of its own.
 */
export const describePaymentRefundLockStep = createStep(
  "line-refunds-describe-payment-refund-lock",
  async (input: { payment_id: string; lock_timeout_seconds: number }) =>
    new StepResponse({
      key: paymentRefundLockKey(input.payment_id),
      ownerId: generateEntityId(undefined, "lrlock"),
      timeout: input.lock_timeout_seconds,
      ttl: PAYMENT_REFUND_LOCK_TTL_SECONDS,
      executeOnSubWorkflow: true,
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
  acquireLockStep(lock)
  return () => {
    releaseLockStep(
      transform({ lock }, ({ lock }) => ({
        key: lock.key,
        ownerId: lock.ownerId,
        executeOnSubWorkflow: true,
      })),
    )
  }
}
