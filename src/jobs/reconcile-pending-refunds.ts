import { container as appContainer } from "@medusajs/framework"
import { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
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
  /** the ledger entries the gateway is asked about */
  entry_ids: string[]
}

/**
 * Payments with a refund the gateway must be asked about: one in doubt (its answer was lost;
 * asking by key resolves it), or one still pending that was made before `before` (its
 * notification may be lost). From the ledger, least recently asked first, so payments whose
 * answers change nothing cannot starve the rest.
 */
export async function findPaymentsToReconcile(
  container: MedusaContainer,
  before: Date,
  limit = RECONCILE_BATCH_SIZE,
): Promise<PendingRefundPayment[]> {
  const ledger = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
  const entries = await ledger.listLineRefunds(
    { $or: [{ status: "in_doubt" }, { status: "pending", created_at: { $lt: before } }] } as never,
    {
      select: ["id", "payment_id", "checked_at"],
      order: { checked_at: "ASC NULLS FIRST", created_at: "ASC" } as never,
      take: limit * 10,
    },
  )
  const byPayment = new Map<string, string[]>()
  for (const entry of entries) {
    if (!byPayment.has(entry.payment_id) && byPayment.size >= limit) continue
    byPayment.set(entry.payment_id, [...(byPayment.get(entry.payment_id) ?? []), entry.id])
  }
  if (!byPayment.size) return []
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: payments } = await query.graph({
    entity: "payment",
    fields: ["id", "provider_id", "payment_session_id"],
    filters: { id: [...byPayment.keys()] },
  })
  const found = new Map((payments as Array<Record<string, string>>).map((p) => [p.id, p]))
  return [...byPayment]
    .filter(([id]) => found.has(id))
    .map(([id, entryIds]) => ({
      id,
      provider_id: found.get(id)!.provider_id,
      payment_session_id: found.get(id)!.payment_session_id,
      entry_ids: entryIds,
    }))
}

export interface ReconcileResult {
  /** payments whose provider was asked to re-read its gateway */
  asked: string[]
  /** payments whose provider could not be asked, with why */
  failed: Array<{ payment_id: string; error: string }>
}

/**
 * Asks the provider of every payment with a refund in doubt, or pending for longer than
 * `reconcilePendingAfterMinutes`, to re-read its gateway. The provider answers by publishing the
 * neutral refund-updated event, which the plugin's subscriber applies like a webhook: a refund in
 * doubt is booked (found under its key) or released (absent after the gateway's window), and a
 * lost notification never leaves an order wrong. Only ever reads, then reports: harmless whenever
 * it runs (it also fires on its own during tests).
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

  const ledger = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
  for (const payment of await findPaymentsToReconcile(container, before, limit)) {
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
      await ledger.markChecked(payment.entry_ids)
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
