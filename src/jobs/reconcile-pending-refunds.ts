import { container as appContainer } from "@medusajs/framework"
import { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { LINE_REFUNDS_KEY } from "../core/payment-data"
import { RECONCILE_REQUEST_KEY } from "../core/refund-outcomes"
import {
  LINE_REFUNDS_MODULE,
  LineRefundsModuleService,
  lineRefundsOptionsSchema,
} from "../modules/line-refunds"

/**
 * Payments asked about per run. A run must end well before the next one starts and must not
 * flood a gateway after an outage left many refunds pending; what is left over is asked about
 * in the next run (least recently changed payments first).
 */
export const RECONCILE_BATCH_SIZE = 100

export interface PendingRefundPayment {
  id: string
  provider_id: string
  payment_session_id: string
}

/**
 * Payments whose plugin state holds a refund still "pending" that was made before `before`.
 * SQL on payment.data (jsonb) because neither Query nor the payment module can filter inside a
 * payment's data; jsonb_each only ever sees an object, so a payment with malformed state is
 * skipped rather than failing the whole query.
 */
export async function findPaymentsWithPendingRefunds(
  container: MedusaContainer,
  before: Date,
  limit = RECONCILE_BATCH_SIZE,
): Promise<PendingRefundPayment[]> {
  const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const refunds = `p.data -> '${LINE_REFUNDS_KEY}' -> 'refunds'`
  // created_at is written by toISOString(): fixed-width UTC, so text order is time order.
  const { rows } = await knex.raw(
    `SELECT p.id, p.provider_id, p.payment_session_id
       FROM payment p
      WHERE p.deleted_at IS NULL
        AND jsonb_typeof(${refunds}) = 'object'
        AND EXISTS (
          SELECT 1
            FROM jsonb_each(CASE WHEN jsonb_typeof(${refunds}) = 'object'
                                 THEN ${refunds} ELSE '{}'::jsonb END) AS r(refund_id, record)
           WHERE jsonb_typeof(r.record) = 'object'
             AND r.record ->> 'status' = 'pending'
             AND r.record ->> 'created_at' < ?)
      ORDER BY p.updated_at ASC, p.id ASC
      LIMIT ?`,
    [before.toISOString(), limit],
  )
  return rows as PendingRefundPayment[]
}

export interface ReconcileResult {
  /** payments whose provider was asked to re-read its gateway */
  asked: string[]
  /** payments whose provider could not be asked, with why */
  failed: Array<{ payment_id: string; error: string }>
}

/**
 * Asks the provider of every payment with a refund pending for longer than
 * `reconcilePendingAfterMinutes` to re-read its gateway. The provider answers by publishing the
 * neutral refund-updated event, which the plugin's subscriber applies like a webhook: a lost
 * notification never leaves an order wrong. Only ever reads, then reports: harmless whenever it
 * runs (it also fires on its own during tests).
 */
export async function reconcilePendingRefunds(
  container: MedusaContainer,
  { now = new Date(), limit = RECONCILE_BATCH_SIZE }: { now?: Date; limit?: number } = {},
): Promise<ReconcileResult> {
  const { options } = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const before = new Date(now.getTime() - options.reconcilePendingAfterMinutes * 60_000)
  const result: ReconcileResult = { asked: [], failed: [] }

  for (const payment of await findPaymentsWithPendingRefunds(container, before, limit)) {
    try {
      // The only public way to reach a provider: its webhook entry point, with a request that
      // names a session and nothing else (see ReconcileRequest).
      await payments.getWebhookActionAndData({
        provider: payment.provider_id.replace(/^pp_/, ""),
        payload: {
          data: { [RECONCILE_REQUEST_KEY]: { session_id: payment.payment_session_id } },
          rawData: Buffer.from(""),
          headers: {},
        },
      })
      result.asked.push(payment.id)
    } catch (error) {
      result.failed.push({ payment_id: payment.id, error: (error as Error).message })
      logger.warn(
        `line-refunds: could not ask ${payment.provider_id} about the pending refunds of payment ${payment.id}: ${(error as Error).message}`,
      )
    }
  }
  if (result.asked.length) {
    logger.info(
      `line-refunds: asked the gateways about pending refunds of ${result.asked.length} payment(s)`,
    )
  }
  return result
}

export default async function reconcilePendingRefundsJob(container: MedusaContainer) {
  await reconcilePendingRefunds(container)
}

/**
 * The schedule is a store option, read when Medusa loads the job at boot (after the plugin's
 * module, so its validated options are in the app container). Anywhere else, e.g. a test
 * importing this file, the default applies.
 */
function scheduleFromOptions(): string {
  try {
    const module = appContainer.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE, {
      allowUnregistered: true,
    })
    if (module?.options) return module.options.reconcilePendingSchedule
  } catch {
    // not booted: fall through to the default
  }
  return lineRefundsOptionsSchema.shape.reconcilePendingSchedule.parse(undefined)
}

export const config = {
  name: "line-refunds-reconcile-pending-refunds",
  schedule: scheduleFromOptions(),
}
