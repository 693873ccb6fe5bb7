import { lineItemSnapshot, shippingMethodSnapshot } from "../utils/line-snapshots"
import { byCreation } from "../utils/by-creation"
import { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { exactDecimal } from "../utils/exact-decimal"
import { decimalString, toDecimal } from "../../core/money"
import { LedgerRefund, orderLedger } from "../../core/ledger"
import { paymentWithoutOrderMessage, refundTargetNotFoundMessage } from "../../core/messages"
import { readLineRefundsState } from "../../core/payment-data"
import { ReceivedReturnSnapshot, RefundContext } from "../../core/refund-plan"
import { LINE_REFUNDS_MODULE, LineRefundsModuleService } from "../../modules/line-refunds"
import { refundInputsReader } from "../utils/refund-inputs/order-tables"
import { OrderRow, PaymentRows, RefundInputsReader, Row } from "../utils/refund-inputs/rows"

/**
 * Returns that hand money back: received (fully or partly), and not part of a claim or exchange.
 * A return's lines in the order's own line order (`lineOrder`), as Medusa's tables keep them in
 * none: a plan takes a return's units line by line.
 */
function receivedReturns(
  returns: Row[] | undefined,
  lineOrder: ReadonlyMap<string, number>,
): ReceivedReturnSnapshot[] {
  const position = (item: Row) => lineOrder.get(item.item_id) ?? Number.MAX_SAFE_INTEGER
  return (returns ?? [])
    .filter((r) => r && !r.claim_id && !r.exchange_id)
    .filter((r) => r.status === "received" || r.status === "partially_received")
    .map((r) => ({
      id: r.id,
      display_id: r.display_id ?? null,
      received_at: r.received_at ?? null,
      items: [...(r.items ?? [])]
        .sort((a: Row, b: Row) => position(a) - position(b) || a.item_id.localeCompare(b.item_id))
        .map((item: Row) => ({
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
 * the order's ledger entries, whatever payment they were made on. The payment and its order's
 * id in one read, then the order and its ledger side by side; in plain SQL where Medusa's tables
 * are the ones the plugin knows, else through Query (utils/refund-inputs/order-tables.ts).
 */
export async function loadRefundInputs(
  container: MedusaContainer,
  paymentId: string,
  reader?: RefundInputsReader,
): Promise<RefundInputs> {
  const read = reader ?? (await refundInputsReader(container))
  const rows = await read.payment(paymentId)
  if (!rows) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      refundTargetNotFoundMessage("payment", paymentId),
    )
  }
  const orderId = rows.order_id
  if (!orderId) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, paymentWithoutOrderMessage(paymentId))
  }
  const [order, entries] = await Promise.all([
    read.order(orderId),
    container
      .resolve<LineRefundsModuleService>(LINE_REFUNDS_MODULE)
      .ledgerOf({ order_id: orderId }),
  ])
  if (!order) {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, paymentWithoutOrderMessage(paymentId))
  }
  return refundInputsOf(rows, order, entries)
}

/** The refund context of the rows read, and what the refund step needs of the payment. */
export function refundInputsOf(
  { payment, refunds, captures }: PaymentRows,
  order: OrderRow,
  entries: LedgerRefund[],
): RefundInputs {
  // the order's own line order (Query returns lines in no particular order)
  const items = [...(order.items ?? [])].sort(byCreation).map(lineItemSnapshot)
  const context: RefundContext = {
    payment: {
      id: payment.id,
      amount: exactDecimal(payment, "amount"),
      currency_code: payment.currency_code,
      provider_id: payment.provider_id,
    },
    order: {
      id: order.id,
      display_id: order.display_id ?? null,
      currency_code: order.currency_code,
      pending_difference:
        order.summary?.pending_difference != null
          ? exactDecimal(order.summary, "pending_difference")
          : null,
      items,
      shipping_methods: [...(order.shipping_methods ?? [])]
        .sort(byCreation)
        .map(shippingMethodSnapshot),
    },
    returns: receivedReturns(order.returns, new Map(items.map((item, i) => [item.id, i]))),
    ledger: orderLedger(entries),
    entries,
    state: readLineRefundsState(payment.data),
  }
  const sum = (rows: Row[]) =>
    rows.reduce((total, row) => total.plus(exactDecimal(row, "amount")), toDecimal(0))
  return {
    context,
    refund_ids: refunds.map((refund) => refund.id as string),
    refundable: decimalString(sum(captures).minus(sum(refunds))),
  }
}

/** The refund context alone, as the admin routes read it (refund preview, order summary). */
export async function loadRefundContext(
  container: MedusaContainer,
  paymentId: string,
): Promise<RefundContext> {
  return (await loadRefundInputs(container, paymentId)).context
}
