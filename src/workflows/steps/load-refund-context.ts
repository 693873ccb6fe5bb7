import { lineItemSnapshot, shippingMethodSnapshot } from "../utils/line-snapshots"
import { byCreation } from "../utils/by-creation"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { exactDecimal } from "../utils/exact-decimal"
import { decimalString, toDecimal } from "../../core/money"
import { orderLedger } from "../../core/ledger"
import { paymentWithoutOrderMessage, refundTargetNotFoundMessage } from "../../core/messages"
import { readLineRefundsState } from "../../core/payment-data"
import { ReceivedReturnSnapshot, RefundContext } from "../../core/refund-plan"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../modules/line-refunds"

/** The payment: what the plan and the refund need of it, and its Medusa refunds so far. */
const PAYMENT_FIELDS = [
  "id",
  "amount",
  "raw_amount",
  "currency_code",
  "provider_id",
  "data",
  "payment_collection_id",
  "refunds.id",
  "refunds.amount",
  "refunds.raw_amount",
  "captures.amount",
  "captures.raw_amount",
]

// Wildcards on nested relations: Query leaves out nested big-number fields (quantities, prices,
// rates) when they are named one by one, but returns them, with their exact raw twins, for `*`.
const ORDER_FIELDS = [
  "id",
  "display_id",
  "currency_code",
  "summary.*",
  "items.*",
  "items.tax_lines.*",
  "items.adjustments.*",
  "shipping_methods.*",
  "shipping_methods.tax_lines.*",
  "shipping_methods.adjustments.*",
  "returns.*",
  "returns.items.*",
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

/** What a refund plan is computed from, and the ids of the payment's Medusa refunds so far. */
export interface RefundInputs {
  context: RefundContext
  /** Medusa's refunds of the payment when the context was read (under the refund lock) */
  refund_ids: string[]
  /** what Medusa still lets be refunded: captured minus refunded (its own check, refund-payment) */
  refundable: string
}

/**
 * Loads what a refund plan is computed from: the payment, its order, its received returns and
 * the order's ledger entries, whatever payment they were made on. Three reads instead of one
 * Query across five modules: the payment, its order's id (the link table alone), then the order
 * and its ledger side by side. Query would read them one after the other, and pass through the
 * payment collection and the order module only to find the order's id.
 */
export async function loadRefundInputs(
  container: MedusaContainer,
  paymentId: string,
): Promise<RefundInputs> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const {
    data: [payment],
  } = await query.graph({ entity: "payment", fields: PAYMENT_FIELDS, filters: { id: paymentId } })
  if (!payment) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      refundTargetNotFoundMessage("payment", paymentId),
    )
  }
  const {
    data: [link],
  } = await query.graph({
    entity: "order_payment_collection",
    fields: ["order_id"],
    filters: { payment_collection_id: (payment as Row).payment_collection_id },
  })
  const orderId = (link as Row | undefined)?.order_id as string | undefined
  if (!orderId) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, paymentWithoutOrderMessage(paymentId))
  }
  const [
    {
      data: [order],
    },
    entries,
  ] = await Promise.all([
    query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: orderId } }),
    container
      .resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
      .ledgerOf({ order_id: orderId }),
  ])
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, paymentWithoutOrderMessage(paymentId))
  }
  const context: RefundContext = {
    payment: {
      id: payment.id,
      amount: exactDecimal(payment, "amount"),
      currency_code: payment.currency_code,
      provider_id: (payment as Row).provider_id,
    },
    order: {
      id: order.id,
      display_id: (order as Row).display_id ?? null,
      currency_code: order.currency_code,
      pending_difference:
        (order as Row).summary?.pending_difference != null
          ? exactDecimal((order as Row).summary, "pending_difference")
          : null,
      // the order's own line order (Query returns lines in no particular order)
      items: [...((order as Row).items ?? [])].sort(byCreation).map(lineItemSnapshot),
      shipping_methods: [...((order as Row).shipping_methods ?? [])]
        .sort(byCreation)
        .map(shippingMethodSnapshot),
    },
    returns: receivedReturns((order as Row).returns),
    ledger: orderLedger(entries),
    entries,
    state: readLineRefundsState((payment as Row).data),
  }
  const refunds: Row[] = (payment as Row).refunds ?? []
  const sum = (rows: Row[] | undefined) =>
    (rows ?? []).reduce((total, row) => total.plus(exactDecimal(row, "amount")), toDecimal(0))
  return {
    context,
    refund_ids: refunds.map((refund) => refund.id as string),
    refundable: decimalString(sum((payment as Row).captures).minus(sum(refunds))),
  }
}

/** The refund context alone, as the admin routes read it (refund preview, order summary). */
export async function loadRefundContext(
  container: MedusaContainer,
  paymentId: string,
): Promise<RefundContext> {
  return (await loadRefundInputs(container, paymentId)).context
}
