/**
 * Which capture transactions a refund takes its money from (docs/gateways/worldline.md#refund-request,
 * #refund-limits): with a transactionId, that capture, up to its unrefunded rest; without, the
 * order's captures oldest first, one refund transaction per capture touched, up to captured minus
 * processed and registered refunds. Over the limit is 22041, unless unlimitedRefundAmount (then
 * the excess goes on the last capture touched).
 */
import { businessRule, STATUS } from "../errors"
import { formatMinor, type Minor } from "../money/amounts"
import type { StoredOrder, StoredTransaction } from "../state/order-model"
import { captureRemainingMinor, captures, refundableMinor } from "../state/order-amounts"

export interface RefundPart {
  capture: StoredTransaction | null
  amountMinor: Minor
}

function overRefund(order: StoredOrder, wanted: Minor, limit: Minor, what: string) {
  return businessRule(
    STATUS.overRefund,
    `Refund of ${formatMinor(wanted, order.currency)} exceeds ${formatMinor(Math.max(limit, 0), order.currency)} left to refund ${what}`,
  )
}

/** The capture a transactionId names: a processed Capture of this order, else 22033. */
export function referencedCapture(order: StoredOrder, transactionId: string): StoredTransaction {
  const capture = captures(order).find((t) => t.transactionId === transactionId)
  if (!capture) {
    throw businessRule(
      STATUS.invalidReference,
      `Transaction ${transactionId} is not a capture of order ${order.orderId}`,
    )
  }
  return capture
}

export function refundParts(
  order: StoredOrder,
  wanted: Minor,
  transactionId: string | undefined,
  unlimited: boolean,
): RefundPart[] {
  if (transactionId !== undefined) {
    const capture = referencedCapture(order, transactionId)
    const limit = captureRemainingMinor(order, capture)
    if (wanted > limit && !unlimited) {
      throw overRefund(order, wanted, limit, `of capture ${transactionId}`)
    }
    return [{ capture, amountMinor: wanted }]
  }
  const limit = refundableMinor(order)
  if (wanted > limit && !unlimited) throw overRefund(order, wanted, limit, "on the order")
  const parts: RefundPart[] = []
  let rest = wanted
  for (const capture of captures(order)) {
    if (rest === 0) break
    const take = Math.min(rest, captureRemainingMinor(order, capture))
    if (take <= 0) continue
    parts.push({ capture, amountMinor: take })
    rest -= take
  }
  if (rest > 0) {
    // only with unlimitedRefundAmount: the excess rides on the last capture touched
    const last = parts.at(-1)
    if (last) last.amountMinor += rest
    else parts.push({ capture: captures(order).at(-1) ?? null, amountMinor: rest })
  }
  return parts
}
