import { RefundPaymentInput } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { decimalString, sameAmountInCurrency } from "../money"
import { isEmptyPlan } from "../refund-plan"
import {
  LineRefundsState,
  logicalRefundKey,
  readLineRefundsState,
  StoredRefundPlan,
} from "../payment-data"

/** Plans older than this are never taken: they were written for a request that died. */
export const PLAN_TTL_MS = 15 * 60 * 1000

/** What a provider needs to make one refund at its gateway. */
export interface RefundIntent {
  /** Medusa's refund id (`ref_…`): where the outcome is recorded */
  refund_id: string
  /** the amount Medusa asks for, major units, full precision */
  amount: string
  /**
   * "lines": refund `plan.lines` / `plan.shipping` in the gateway's line format, for `plan.amount`.
   * "amount": an amount-only refund of `amount` (there may still be a plan, without lines, which
   * carries the order context of a stock-button refund).
   */
  kind: "lines" | "amount"
  /** the plan this refund carries out, if the app layer wrote one */
  plan: StoredRefundPlan | null
  /** stable per logical refund: send it to the gateway as its idempotency key / reference */
  idempotency_key: string
  /**
   * When the first attempt at this very refund was made, if its outcome is unknown (its answer
   * was lost): the gateway must be asked by key before anything is sent.
   */
  in_doubt_since: string | null
  /** the plugin's state in `payment.data` as it was when the refund started */
  state: LineRefundsState
}

/**
 * The provider half of the refund-plan contract, the same for every gateway: find the open plan
 * written for this refund (same amount, not expired), or decide that this is an amount-only
 * refund (stock refunds without a return, order cancellation, cart compensation). Never guesses
 * lines for an amount that no plan describes.
 */
export function takeRefundPlan(
  input: Pick<RefundPaymentInput, "amount" | "data" | "context">,
  options: {
    /**
     * What identifies this payment at the gateway (its order or payment id). Amount-only refunds
     * have no plan, so their idempotency key is derived from it: without it, the first 10.00
     * refund of two different orders would share a key and the gateway would drop the second.
     */
    scope: string
    now?: Date
  },
): RefundIntent {
  const refundId = input.context?.idempotency_key
  if (!refundId) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "refundPayment was called without the refund id Medusa passes as idempotency key",
    )
  }
  if (!options.scope) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "takeRefundPlan needs the payment's gateway reference as scope for amount-only refunds",
    )
  }
  const amount = decimalString(input.amount)
  const state = readLineRefundsState(input.data)
  const now = (options.now ?? new Date()).getTime()

  const candidates = Object.values(state.plans)
    .filter((plan) => plan.status === "open")
    .filter((plan) => now - new Date(plan.created_at).getTime() <= PLAN_TTL_MS)
    .filter((plan) => sameAmountInCurrency(plan.amount, amount, plan.currency_code))
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
  const plan = candidates[0] ?? null

  const idempotencyKey =
    plan?.idempotency_key ??
    logicalRefundKey({
      scope: options.scope,
      kind: "amount",
      amount,
      refunds_on_record: Object.keys(state.refunds).length,
    })
  const kind = plan && !isEmptyPlan(plan) ? "lines" : "amount"
  return {
    refund_id: refundId,
    amount,
    kind,
    plan,
    idempotency_key: idempotencyKey,
    in_doubt_since: plan?.in_doubt_since ?? null,
    state,
  }
}
