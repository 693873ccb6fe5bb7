import { Logger } from "@medusajs/framework/types"
import { CHECKOUT_CART_KEY, CheckoutCart } from "../../../core/checkout-cart"
import { fromMinorUnits } from "../../../core/money"
import { GatewayRefundOutcome, RefundIntent } from "../../../core/provider-refunds"
import { RefundOnceSteps } from "../../../gateway-kit"
import { MultiSafepayClient } from "../api/multisafepay-client"
import { MspOrder, MspRelatedTransaction } from "../api/schemas"
import { DEFAULT_REFUND_CONVENTION, isPayLater, RefundConvention } from "../gateways"
import { readMspData } from "../payment-data"
import { buildRefundRequest } from "./build-refund-request"
import { cartItemResolver } from "./cart-item-resolver"
import { findRefundByKey } from "./find-refund"
import { toRefundReport } from "./refund-report"

export interface MspRefundInput {
  client: MultiSafepayClient
  intent: RefundIntent
  /** the payment's data (`payment.data`) */
  data: Record<string, unknown>
  refundConventions: Readonly<Record<string, RefundConvention>>
  logger: Logger
}

type Made = { order: MspOrder; refund: MspRelatedTransaction }

/**
 * MultiSafepay's parts of "one refund, never two" (`refundOnce`): the order is read first and a
 * refund already under this logical key (`refund_order_id`) is recorded; after a lost answer it
 * is looked for again. MultiSafepay is not known to refuse a second request under the same
 * `refund_order_id` (docs/gateways/multisafepay.md#refund-keys), so after a lost answer it is
 * not sent again: the refund stays in doubt until the notification, the job or a retry finds it,
 * and a retry sends it only once the first attempt can no longer land (`inDoubtWindowSeconds`),
 * under the same key and for the same amount (the plan keeps its first attempt's carry).
 */
export function mspRefundSteps(input: MspRefundInput): RefundOnceSteps<MspOrder, Made> {
  const { client, intent } = input
  const orderId = readMspData(input.data).order_id
  const lookUp = async () => {
    const order = await client.getOrder(orderId)
    const refund = findRefundByKey(order, intent.idempotency_key)
    return { order, made: refund ? { order, refund } : null }
  }
  return {
    gateway: "MultiSafepay",
    reading: `order ${orderId}`,
    resendSafe: false,
    inspect: async () => {
      const { order, made } = await lookUp()
      return { made, context: order }
    },
    send: (order) => sendRefund(input, order),
    lookFor: async () => (await lookUp()).made,
    outcomeOf: ({ order, refund }) => recoveredOutcome(refund, order),
  }
}

/** The refund request itself, built against the order as MultiSafepay holds it now. */
async function sendRefund(input: MspRefundInput, order: MspOrder): Promise<GatewayRefundOutcome> {
  const { client, intent, data } = input
  const msp = readMspData(data)
  const paymentType = order.payment_details?.type ?? msp.payment_type ?? msp.gateway
  const request = buildRefundRequest({
    intent,
    order,
    payLater: isPayLater(paymentType),
    convention: (paymentType && input.refundConventions[paymentType]) || DEFAULT_REFUND_CONVENTION,
    resolver: cartItemResolver(msp, data[CHECKOUT_CART_KEY] as CheckoutCart | undefined),
  })
  const delta = request.expected_minor - request.requested_minor
  if (delta !== 0) {
    input.logger.warn(
      `multisafepay: order ${msp.order_id} refund ${intent.refund_id}: MultiSafepay's rounding refunds ${fromMinorUnits(request.expected_minor, order.currency)} where ${fromMinorUnits(request.requested_minor, order.currency)} was due`,
    )
  }
  const answer = await client.refund(msp.order_id, request.body)
  // `transaction_id` in the answer is the payment's, not the refund's: only `refund_id` (or the
  // refund found under our key) identifies the refund in later notifications. The refund is
  // made either way: a failed read here only leaves the reference for the notification to fill.
  const reference =
    answer.refund_id ??
    (await client
      .getOrder(msp.order_id)
      .then((now) => findRefundByKey(now, intent.idempotency_key)?.transaction_id ?? null)
      .catch(() => null))
  return {
    status: "pending",
    gateway_reference: reference,
    gateway_amount: fromMinorUnits(request.expected_minor, order.currency),
    gateway: {
      order_id: msp.order_id,
      refund_id: answer.refund_id,
      transaction_id: answer.transaction_id,
      mode: request.mode,
      amount_minor: request.expected_minor,
      rounding_delta_minor: delta,
    },
    currency_code: order.currency.toLowerCase(),
  }
}

/** A refund found at MultiSafepay under our key, as the outcome of this refund. */
function recoveredOutcome(refund: MspRelatedTransaction, order: MspOrder): GatewayRefundOutcome {
  const report = toRefundReport(refund, order.currency)
  return {
    status: report.status,
    gateway_reference: report.gateway_reference,
    gateway_amount: report.amount,
    gateway: {
      order_id: order.order_id,
      refund_id: refund.transaction_id,
      amount_minor: refund.amount,
      recovered: true,
    },
    currency_code: report.currency_code,
  }
}
