import { lineItemSnapshot, shippingMethodSnapshot } from "../utils/line-snapshots"
import { byCreation } from "../utils/by-creation"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { exactDecimal } from "../utils/exact-decimal"
import { orderLedger } from "../../core/ledger"
import { paymentWithoutOrderMessage, refundTargetNotFoundMessage } from "../../core/messages"
import { readLineRefundsState } from "../../core/payment-data"
import { ReceivedReturnSnapshot, RefundContext } from "../../core/refund-plan"
import { ledgerEntries } from "../../modules/line-refunds/ledger-rows"

// Wildcards on nested relations: Query leaves out nested big-number fields (quantities, prices,
// rates) when they are named one by one, but returns them, with their exact raw twins, for `*`.
const FIELDS = [
  "id",
  "amount",
  "raw_amount",
  "currency_code",
  "provider_id",
  "data",
  "payment_collection.order.id",
  "payment_collection.order.display_id",
  "payment_collection.order.currency_code",
  "payment_collection.order.summary.*",
  "payment_collection.order.items.*",
  "payment_collection.order.items.tax_lines.*",
  "payment_collection.order.items.adjustments.*",
  "payment_collection.order.shipping_methods.*",
  "payment_collection.order.shipping_methods.tax_lines.*",
  "payment_collection.order.shipping_methods.adjustments.*",
  "payment_collection.order.returns.*",
  "payment_collection.order.returns.items.*",
  // the order's ledger, through the plugin's link (src/links/order-line-refunds.ts)
  "payment_collection.order.line_refund.*",
  "payment_collection.order.line_refund.units.*",
]

type Row = Record<string, any>

/** Returns that hand money back: received (fully or partly), and not part of a claim or exchange. */
function receivedReturns(returns: Row[] | undefined): ReceivedReturnSnapshot[] {
  return (returns ?? [])
    .filter((r) => r && !r.claim_id && !r.exchange_id)
    .filter((r) => r.status === "received" || r.status === "partially_received")
    .map((r) => ({
      id: r.id,
      display_id: r.display_id ?? null,
      received_at: r.received_at ?? null,
      items: (r.items ?? []).map((item: Row) => ({
        item_id: item.item_id,
        // Medusa counts damaged units in received_quantity already (damaged_quantity is the
        // subset received damaged), and owes them back just the same.
        received_quantity: Number(exactDecimal(item, "received_quantity")),
      })),
    }))
}

/**
 * Loads in one query what a refund plan is computed from: the payment, its order, its received
 * returns and the order's ledger entries, whatever payment they were made on.
 */
export async function loadRefundContext(
  container: MedusaContainer,
  paymentId: string,
): Promise<RefundContext> {
  const input = { payment_id: paymentId }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({ entity: "payment", fields: FIELDS, filters: { id: input.payment_id } })
  if (!payment) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      refundTargetNotFoundMessage("payment", input.payment_id),
    )
  }
  const order = (payment as Row).payment_collection?.order as Row | undefined
  if (!order) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      paymentWithoutOrderMessage(input.payment_id),
    )
  }
  const entries = ledgerEntries(order.line_refund)
  const context: RefundContext = {
    payment: {
      id: payment.id,
      amount: exactDecimal(payment, "amount"),
      currency_code: payment.currency_code,
      provider_id: (payment as Row).provider_id,
    },
    order: {
      id: order.id,
      display_id: order.display_id ?? null,
      currency_code: order.currency_code,
      pending_difference:
        order.summary?.pending_difference != null
          ? exactDecimal(order.summary, "pending_difference")
          : null,
      // the order's own line order (Query returns lines in no particular order)
      items: [...(order.items ?? [])].sort(byCreation).map(lineItemSnapshot),
      shipping_methods: [...(order.shipping_methods ?? [])]
        .sort(byCreation)
        .map(shippingMethodSnapshot),
    },
    returns: receivedReturns(order.returns),
    ledger: orderLedger(entries),
    entries,
    state: readLineRefundsState((payment as Row).data),
  }
  return context
}

export const loadRefundContextStep = createStep(
  "line-refunds-load-refund-context",
  async (input: { payment_id: string }, { container }) =>
    new StepResponse(await loadRefundContext(container, input.payment_id)),
)
