import { ILockingModule, Logger } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  generateEntityId,
  MedusaError,
  Modules,
} from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/**
 * The payment's refund lock as a lease: taken for LEASE_SECONDS and renewed by the process that
 * holds it for as long as its run lasts. A lock with one long expiry had to outlive the slowest
 * refund (gateway timeouts and retries), so a process that died holding it — a server killed
 * mid-refund, a worker killed mid-outcome — blocked every refund and every gateway report of
 * that payment for minutes. A lease lapses LEASE_SECONDS after its holder dies, and never under a
 * holder that is alive (integration-tests/deployment/multi-process.spec.ts kills both).
 *
 * Renewing is re-acquiring under the same owner id: Medusa's Redis and in-memory locking
 * providers both extend a lock its owner takes again.
 */
export const LEASE_SECONDS = 30
const RENEW_EVERY_MS = 10_000
/** A run that never released (it cannot happen in a finished workflow) stops renewing then. */
const MAX_HOLD_MS = 15 * 60_000
const RETRY_EVERY_MS = 300

/** One lock per payment covers "write plan + refund": payment.data is shared state. */
export function paymentRefundLockKey(paymentId: string): string {
  return `line-refunds:payment:${paymentId}`
}

/** A lease held: the lock's key and the owner id of the run that holds it. */
export interface PaymentRefundLease {
  key: string
  ownerId: string
}

const renewals = new Map<string, NodeJS.Timeout>()

function keepRenewing(locking: ILockingModule, lease: PaymentRefundLease, logger: Logger) {
  const started = Date.now()
  const timer = setInterval(() => {
    if (Date.now() - started > MAX_HOLD_MS) {
      stopRenewing(lease.ownerId)
      logger.warn(`line-refunds: stopped renewing ${lease.key}: held for over 15 minutes`)
      return
    }
    locking.acquire(lease.key, { ownerId: lease.ownerId, expire: LEASE_SECONDS }).catch((error) => {
      logger.warn(`line-refunds: could not renew ${lease.key}: ${(error as Error).message}`)
    })
  }, RENEW_EVERY_MS)
  // a lease must never keep a process alive
  timer.unref()
  renewals.set(lease.ownerId, timer)
}

function stopRenewing(ownerId: string) {
  clearInterval(renewals.get(ownerId))
  renewals.delete(ownerId)
}

async function giveBack(locking: ILockingModule, lease: PaymentRefundLease) {
  stopRenewing(lease.ownerId)
  await locking.release(lease.key, { ownerId: lease.ownerId })
}

/**
 * Takes the payment's lease, waiting up to `lock_timeout_seconds` for another run of the same
 * payment; its output is the lease held, for the release step.
 */
export const acquirePaymentRefundLeaseStep = createStep(
  "line-refunds-acquire-payment-refund-lease",
  async (input: { payment_id: string; lock_timeout_seconds: number }, { container }) => {
    const locking = container.resolve<ILockingModule>(Modules.LOCKING)
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const lease: PaymentRefundLease = {
      key: paymentRefundLockKey(input.payment_id),
      ownerId: generateEntityId(undefined, "lrlock"),
    }
    const until = Date.now() + input.lock_timeout_seconds * 1000
    for (;;) {
      try {
        await locking.acquire(lease.key, { ownerId: lease.ownerId, expire: LEASE_SECONDS })
        break
      } catch {
        if (Date.now() >= until) {
          throw new MedusaError(
            MedusaError.Types.CONFLICT,
            `Another refund or gateway report of this payment has been running for over ${input.lock_timeout_seconds} seconds. Wait a moment, reload the order and try again.`,
          )
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_EVERY_MS))
      }
    }
    keepRenewing(locking, lease, logger)
    return new StepResponse(lease, lease)
  },
  async (held, { container }) => {
    if (!held) return
    await giveBack(container.resolve<ILockingModule>(Modules.LOCKING), held)
  },
)

export const releasePaymentRefundLeaseStep = createStep(
  "line-refunds-release-payment-refund-lease",
  async (lease: PaymentRefundLease, { container }) => {
    await giveBack(container.resolve<ILockingModule>(Modules.LOCKING), lease)
    return new StepResponse(undefined)
  },
)
