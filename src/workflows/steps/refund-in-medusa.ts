import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { refundPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { sameAmountInCurrency } from "../../core/money"
import { lineRefundsPatch, readLineRefundsState } from "../../core/payment-data"
import { OUTCOME_UNKNOWN_ERROR_CODE } from "../../gateway-kit/gateway-error"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../modules/line-refunds"
import { exactDecimal } from "../utils/exact-decimal"

export interface RefundInMedusaInput {
  entry_id: string
  payment_id: string
  plan_id: string
  amount: string
  currency_code: string
  note?: string | null
  refund_reason_id?: string
  created_by?: string
}

type Row = Record<string, any>

async function paymentNow(container: MedusaContainer, paymentId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({
    entity: "payment",
    fields: ["id", "data", "refunds.*"],
    filters: { id: paymentId },
  })
  return payment as Row
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
 */
export const refundInMedusaStep = createStep(
  "line-refunds-refund-in-medusa",
  async (input: RefundInMedusaInput, { container }) => {
    const ledger = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
    const before = new Set(
      ((await paymentNow(container, input.payment_id)).refunds ?? []).map((r: Row) => r.id),
    )
    const { errors } = await refundPaymentWorkflow(container).run({
      input: {
        payment_id: input.payment_id,
        amount: input.amount,
        note: input.note ?? undefined,
        refund_reason_id: input.refund_reason_id,
        created_by: input.created_by,
      },
      throwOnError: false,
    })
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
      const outcome = state.refunds[refund.id]
      await ledger.updateEntry(input.entry_id, {
        refund_id: refund.id,
        status: outcome?.status ?? "succeeded",
        gateway_reference: outcome?.gateway_reference ?? null,
        gateway_amount: outcome?.gateway_amount ?? null,
        gateway: outcome?.gateway ?? null,
        doubt_reason: null,
        ...(outcome?.currency_code ? { currency_code: outcome.currency_code } : {}),
      })
      if (state.plans[input.plan_id]?.status === "open") {
        // a provider outside the plugin never takes plans: retire it, it is done
        await container.resolve(Modules.PAYMENT).updatePayment({
          id: input.payment_id,
          data: lineRefundsPatch({
            plans: { [input.plan_id]: { status: "consumed", consumed_by_refund_id: refund.id } },
          }),
        } as never)
      }
      if (errors?.length) throw asError(errors[0].error)
      return new StepResponse({ refund_id: refund.id as string })
    }

    const error = errors?.[0]?.error as Row | undefined
    if (error?.code === OUTCOME_UNKNOWN_ERROR_CODE) {
      await ledger.updateEntry(input.entry_id, { doubt_reason: error.message })
    }
    throw asError(error)
  },
)
