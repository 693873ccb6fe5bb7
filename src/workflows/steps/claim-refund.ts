import { IPaymentModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { LedgerSource, ledgerEntryFromPlan } from "../../core/ledger"
import {
  lineRefundsPatch,
  LineRefundsState,
  openPlanPatch,
  readLineRefundsState,
  StoredRefundPlan,
} from "../../core/payment-data"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../modules/line-refunds"
import { takesRefundPlans } from "../utils/takes-refund-plans"
import { describeRefundReason } from "./describe-refund-reason"

export interface ClaimRefundInput {
  payment_id: string
  provider_id: string
  /** the payment's plugin state now (the plan write retires its other open plans) */
  state: LineRefundsState
  plan: StoredRefundPlan
  /** what Medusa books */
  amount: string
  source: LedgerSource
  note?: string | null
  /** order line id → units the line has: no claim can go beyond it */
  ordered_units: Record<string, number>
  /** an entry in doubt this refund carries on (a retry, or a report that it was made) */
  adopt_entry_id?: string | null
  refund_reason_id?: string | null
}

/** What compensation undoes: the plan written (if any), and the ledger entry if this run wrote it. */
export interface Claimed {
  payment_id: string
  /** "" when no plan was written */
  plan_id: string
  created_entry_id: string | null
}

/**
 * Everything a refund needs in place before Medusa calls the provider, in one step:
 * - for a provider of this plugin, the plan goes into `payment.data`, where the provider finds it
 *   when Medusa calls `refundPayment` (which receives nothing else); other open plans of the
 *   payment are retired; the refund reason staff chose goes with it (Medusa hands a provider
 *   none). Any other provider never reads plans (utils/takes-refund-plans.ts): nothing is
 *   written for it, and its refund is by amount, as it always was;
 * - the refund goes into the ledger as in doubt, its units claimed, so no other refund can pay
 *   for them (the database refuses a second claim, in any process). A retry of a refund in doubt
 *   carries on with that entry instead.
 * The two writes touch different modules and neither reads the other, so they run side by side;
 * both are done before the step ends, so before anything is sent. Runs under the payment's
 * refund lock.
 *
 * When one write fails the other is undone here (a failed step is not compensated). When a later
 * step fails, compensation retires the plan unless the provider consumed it, so no later refund
 * of the same amount can pick it up, and removes an entry this run wrote when its refund failed
 * for sure (nothing booked, nothing may have been made); one whose outcome is unknown, or that
 * was booked after all, stays. An adopted entry is never removed here.
 */
export const claimRefundStep = createStep(
  "line-refunds-claim-refund",
  async (input: ClaimRefundInput, { container }) => {
    const { entry_id, claimed } = await claimRefund(container, input)
    return new StepResponse({ entry_id }, claimed)
  },
  async (claimed, { container }) => {
    if (claimed) await undoClaim(container, claimed)
  },
)

/**
 * The claim step's work, for a step that plans and claims in one (refund-with-plan.ts): what it
 * wrote, for compensation to undo, and the ledger entry the refund books.
 */
export async function claimRefund(
  container: MedusaContainer,
  input: ClaimRefundInput,
): Promise<{ entry_id: string; claimed: Claimed }> {
  const delivers = takesRefundPlans(container, input.provider_id)
  const ledger = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
  const [written, entry] = await Promise.allSettled([
    delivers ? writePlan(container, input) : Promise.resolve(null),
    input.adopt_entry_id
      ? Promise.resolve(null)
      : ledger.writeRefund(
          ledgerEntryFromPlan({
            plan: input.plan,
            amount: input.amount,
            provider_id: input.provider_id,
            source: input.source,
            note: input.note,
          }),
          (lineItemId) => input.ordered_units[lineItemId] ?? 0,
        ),
  ])
  const createdEntryId = entry.status === "fulfilled" ? (entry.value?.id ?? null) : null
  const claimed: Claimed = {
    payment_id: input.payment_id,
    plan_id: delivers ? input.plan.id : "",
    created_entry_id: createdEntryId,
  }
  if (written.status === "rejected" || entry.status === "rejected") {
    await undoClaim(container, {
      ...claimed,
      // a plan write that failed wrote nothing to retire
      plan_id: delivers && written.status === "fulfilled" ? claimed.plan_id : "",
    })
    // the ledger's refusal is the one staff must read ("another refund of these units…")
    throw entry.status === "rejected" ? entry.reason : (written as PromiseRejectedResult).reason
  }
  return { entry_id: (createdEntryId ?? input.adopt_entry_id) as string, claimed }
}

/** The plan, with the refund reason staff chose, into `payment.data`; other open plans retired. */
async function writePlan(container: MedusaContainer, input: ClaimRefundInput): Promise<void> {
  const reason = await describeRefundReason(container, input.refund_reason_id)
  const plan = reason ? { ...input.plan, refund_reason: reason } : input.plan
  // `data` is deep-merged by the payment module; UpdatePaymentDTO does not declare it.
  await container.resolve<IPaymentModuleService>(Modules.PAYMENT).updatePayment({
    id: input.payment_id,
    data: openPlanPatch(input.state, plan),
  } as never)
}

export async function undoClaim(container: MedusaContainer, claimed: Claimed): Promise<void> {
  await Promise.all([
    claimed.plan_id ? retireOpenPlan(container, claimed.payment_id, claimed.plan_id) : null,
    claimed.created_entry_id ? removeUnbookedEntry(container, claimed.created_entry_id) : null,
  ])
}

/** The plan leaves the open ones ("abandoned") unless the provider consumed it already. */
async function retireOpenPlan(container: MedusaContainer, paymentId: string, planId: string) {
  const payments = container.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const payment = await payments.retrievePayment(paymentId, { select: ["id", "data"] })
  if (readLineRefundsState(payment.data).plans[planId]?.status !== "open") return
  await payments.updatePayment({
    id: paymentId,
    data: lineRefundsPatch({ plans: { [planId]: { status: "abandoned" } } }),
  } as never)
}

/** An entry goes when its refund failed for sure: still in doubt, no doubt noted, not booked. */
async function removeUnbookedEntry(container: MedusaContainer, entryId: string) {
  const ledger = container.resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
  const [entry] = await ledger.ledgerOf({ id: entryId })
  if (entry && entry.status === "in_doubt" && !entry.doubt_reason && !entry.refund_id) {
    await ledger.removeEntry(entryId)
  }
}
