import { GatewayError } from "../../../gateway-kit"
import { GATEWAY } from "../api/read-error"

export interface PaymentLeft {
  payment_id: string
  /** what the payment captured, whole yen */
  amount: number
  /** its refunds that did not fail, whole yen */
  refunded: number
  /** ms since the epoch, when Smartpay says */
  created_at?: number | null
}

export interface RefundPart {
  payment_id: string
  amount: number
}

/**
 * How one refund is paid back from an order with several payments (partial captures,
 * docs/gateways/smartpay.md#refunds): Smartpay refunds a payment, never an order, and a payment
 * at most what is left unrefunded on it (403 `amount.insufficient`). The rule: oldest payment
 * first (by creation time, then Smartpay's order), each taking as much of the refund as is left
 * on it. The parts sum to the refund exactly, none exceeds its payment's rest, and a payment
 * with nothing left gets no part. More than the order has left is refused before anything is sent.
 */
export function splitAcrossPayments(
  payments: readonly PaymentLeft[],
  amountYen: number,
): RefundPart[] {
  if (!Number.isSafeInteger(amountYen) || amountYen <= 0) {
    throw new RangeError(`A refund must be a whole number of yen above 0, got ${amountYen}`)
  }
  const oldestFirst = payments
    .map((payment, index) => ({ payment, index }))
    .sort((a, b) => (a.payment.created_at ?? 0) - (b.payment.created_at ?? 0) || a.index - b.index)
    .map(({ payment }) => payment)
  const parts: RefundPart[] = []
  let rest = amountYen
  for (const payment of oldestFirst) {
    if (rest === 0) break
    const left = Math.max(0, payment.amount - payment.refunded)
    const take = Math.min(left, rest)
    if (take > 0) {
      parts.push({ payment_id: payment.payment_id, amount: take })
      rest -= take
    }
  }
  if (rest > 0) {
    const left = amountYen - rest
    throw new GatewayError(
      GATEWAY,
      "rejected",
      `only ${left} JPY is left to refund on the order's payments, ${amountYen} JPY was asked`,
      { code: "amount.insufficient" },
    )
  }
  return parts
}
