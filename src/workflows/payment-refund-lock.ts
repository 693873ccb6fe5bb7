import { ILockingModule, MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { setTimeout as sleep } from "node:timers/promises"

/** One lock per payment covers "write plan + refund": payment.data is shared state. */
export function paymentRefundLockKey(paymentId: string): string {
  return `line-refunds:payment:${paymentId}`
}

const LOCK_TTL_SECONDS = 120
const RETRY_MS = 100

/**
 * Takes the payment's refund lock for work that spans more than one workflow (the stock refund
 * route: our plan, then Medusa's refund). Waits up to `timeoutSeconds`; the lock also expires by
 * itself so a crashed process cannot hold it for ever. Returns the release function.
 */
export async function acquirePaymentRefundLock(
  container: MedusaContainer,
  paymentId: string,
  ownerId: string,
  timeoutSeconds: number,
): Promise<() => Promise<void>> {
  const locking = container.resolve<ILockingModule>(Modules.LOCKING)
  const key = paymentRefundLockKey(paymentId)
  const deadline = Date.now() + timeoutSeconds * 1000
  for (;;) {
    const acquired = await locking
      .acquire(key, { ownerId, expire: LOCK_TTL_SECONDS })
      .then(() => true)
      .catch(() => false)
    if (acquired) break
    if (Date.now() >= deadline) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `Another refund of payment ${paymentId} is still running; try again in a moment`,
      )
    }
    await sleep(RETRY_MS)
  }
  let released = false
  return async () => {
    if (released) return
    released = true
    await locking.release(key, { ownerId })
  }
}
