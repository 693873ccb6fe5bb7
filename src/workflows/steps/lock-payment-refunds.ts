import {
  acquirePaymentRefundLeaseStep,
  releasePaymentRefundLeaseStep,
} from "./payment-refund-lease"

export { paymentRefundLockKey } from "./payment-refund-lease"

/**
 * Takes the payment's refund lock for the steps composed after it, in a workflow's composition.
 * Returns what releases it, to call after the last step that needs it (a failed run releases it
 * through the acquire step's compensation). The lock is a lease its holder renews
 * (payment-refund-lease.ts): it never expires under a running refund, and lapses soon after a
 * holder that died. The acquire step makes the owner id and hands it on as its output, so it is
 * made once per run and the release uses the very same one: a release by a late run can never
 * free a lock another run holds.
 */
export function lockPaymentRefunds(input: {
  payment_id: string
  lock_timeout_seconds: number
}): () => void {
  const lease = acquirePaymentRefundLeaseStep(input)
  return () => {
    releasePaymentRefundLeaseStep(lease)
  }
}
