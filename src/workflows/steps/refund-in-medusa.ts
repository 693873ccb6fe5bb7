import { IEventBusModuleService, MedusaContainer } from "@medusajs/framework/types"
import { generateEntityId, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { sameAmountInCurrency } from "../../core/money"
import { GatewayRefundState, lineRefundsPatch, readLineRefundsState } from "../../core/payment-data"
import { OUTCOME_UNKNOWN_ERROR_CODE } from "../../gateway-kit/gateway-error"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../modules/line-refunds"
import { exactDecimal } from "../utils/exact-decimal"
import { refundInputsReader } from "../utils/refund-inputs/order-tables"

export interface RefundInMedusaInput {
  entry_id: string
  payment_id: string
  plan_id: string
  amount: string
  currency_code: string
  note?: string | null
  refund_reason_id?: string
  created_by?: string
  /**
   * Medusa's refunds of the payment before this one, when the caller read them under the lock
   * (refundWithPlanWorkflow's plan step); read here otherwise
   */
  refund_ids_before?: string[] | null
}

type Row = Record<string, any>

/** The payment's data and its Medusa refunds now (one statement where the tables allow it). */
async function paymentNow(container: MedusaContainer, paymentId: string) {
  const rows = await (await refundInputsReader(container)).payment(paymentId)
  return { data: rows?.payment.data, refunds: rows?.refunds ?? [] }
}

/** A workflow error as it comes out of a run (serialized), back as an error to throw. */
function asError(error: Row | undefined): Error {
  if (!error) return new Error("The refund failed for an unknown reason")
  if (error.__isMedusaError) return new MedusaError(error.type, error.message, error.code)
  return Object.assign(new Error(error.message ?? String(error)), error)
}

/**
 * Medusa's own refundPaymentWorkflow (it books the refund and calls the provider), followed by
 * what the ledger entry learns from it, for every provider:
 * - the refund was booked: the entry gets Medusa's refund id and what the gateway said (a
 *   provider of this plugin leaves it in payment.data; any other provider's refund succeeded);
 * - the provider says the outcome is unknown (the gateway's answer was lost): the entry stays in
 *   doubt, with the reason, and staff are told not to refund again;
 * - any other failure: nothing was refunded; the error goes on and compensation removes the entry.
 * A refund booked before Medusa's workflow failed later still counts: the money moved.
 *
 * Medusa's events of the refund (`payment.refunded`, …) are held in an event group of their own
 * and released once the ledger entry has the refund, exactly when Medusa would release them
 * (its run succeeded; cleared when it failed), also when writing the entry fails. Released at
 * the end of Medusa's run, they reached the plugin's subscriber for refunds made outside the
 * plugin (src/subscribers/record-external-refunds.ts) while the entry had no refund id yet: it
 * took this refund for an outside one and waited for the payment's lock to look again.
 */
export const refundInMedusaStep = createStep(
  "line-refunds-refund-in-medusa",
  async (input: RefundInMedusaInput, { container }) => {
    const ledger = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
    const before = new Set(
      input.refund_ids_before ??
        ((await paymentNow(container, input.payment_id)).refunds ?? []).map((r: Row) => r.id),
    )
    const eventGroupId = generateEntityId(undefined, "lrevents")
    const { errors } = await refundPaymentWorkflow(container).run({
      input: {
        payment_id: input.payment_id,
        amount: input.amount,
        note: input.note ?? undefined,
        refund_reason_id: input.refund_reason_id,
        created_by: input.created_by,
      },
      context: { eventGroupId, preventReleaseEvents: true },
      throwOnError: false,
    })
    const events = container.resolve<IEventBusModuleService>(Modules.EVENT_BUS)
    try {
      const payment = await paymentNow(container, input.payment_id)
      const state = readLineRefundsState(payment.data)
      const fresh: Row[] = (payment.refunds ?? []).filter((r: Row) => !before.has(r.id))
      const consumedBy = state.plans[input.plan_id]?.consumed_by_refund_id
      const refund =
        fresh.find((r) => r.id === consumedBy) ??
        fresh.find((r) =>
          sameAmountInCurrency(exactDecimal(r, "amount"), input.amount, input.currency_code),
        )

      if (refund) {
        // settled, not raced: a failure must not reach compensation before the entry has the refund
        const written = await Promise.allSettled([
          ledger.moveEntry(input.entry_id, bookedPatch(refund.id, state.refunds[refund.id])),
          state.plans[input.plan_id]?.status === "open"
            ? // a provider that took no plan (none is written for one outside the plugin,
              // takes-refund-plans.ts) leaves it open: retire it, it is done
              container.resolve(Modules.PAYMENT).updatePayment({
                id: input.payment_id,
                data: lineRefundsPatch({
                  plans: {
                    [input.plan_id]: { status: "consumed", consumed_by_refund_id: refund.id },
                  },
                }),
              } as never)
            : null,
        ])
        const failed = written.find((w): w is PromiseRejectedResult => w.status === "rejected")
        if (failed) throw failed.reason
        if (errors?.length) throw asError(errors[0].error)
        return new StepResponse({ refund_id: refund.id as string })
      }

      const error = errors?.[0]?.error as Row | undefined
      if (error?.code === OUTCOME_UNKNOWN_ERROR_CODE) {
        await ledger.moveEntry(input.entry_id, { doubt_reason: error.message })
      }
      throw asError(error)
    } finally {
      await (errors?.length
        ? events.clearGroupedEvents(eventGroupId)
        : events.releaseGroupedEvents(eventGroupId))
    }
  },
)

/** What a booked refund's ledger entry learns: Medusa's refund, and what the gateway said. */
function bookedPatch(refundId: string, outcome: GatewayRefundState | undefined) {
  return {
    refund_id: refundId,
    status: outcome?.status ?? "succeeded",
    gateway_reference: outcome?.gateway_reference ?? null,
    gateway_amount: outcome?.gateway_amount ?? null,
    gateway: outcome?.gateway ?? null,
    doubt_reason: null,
    ...(outcome?.currency_code ? { currency_code: outcome.currency_code } : {}),
  }
}
