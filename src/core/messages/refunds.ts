import { ago, details, duration, labelled, money } from "./format"

/**
 * What staff are told when a refund is refused or its outcome is unknown: what happened and what
 * to do, in one or two plain sentences; ids and technical causes come last, in parentheses.
 */

/**
 * The outcome of this very refund is unknown: the gateway's answer was lost. `cause` is the
 * technical detail (what the connection or the gateway said, what the re-check found).
 */
export function outcomeUnknownMessage(gateway: string, cause: string): string {
  return `${gateway} may have made this refund, but its answer was lost. Nothing is booked yet; do not refund again — the order page will show the refund once ${gateway} confirms it, or release it if ${gateway} never made it.${details(cause)}`
}

/**
 * Another refund of the same units or amount is in doubt (its gateway's answer was lost). No ids:
 * staff read this in Medusa's own toast, on the order the refund belongs to, and the order page
 * shows that refund.
 */
export function blockedByInDoubtMessage(entry: { amount: string; currency_code: string }): string {
  return `An earlier refund of ${money(entry.amount, entry.currency_code)} on this payment may have been made, but the gateway's answer was lost, so nothing was refunded now. Wait until the order page shows that refund as made or released, and refund again only if it was released.`
}

/**
 * A refund of the same amount was just made on the payment and nothing received is left to
 * refund: most likely the same refund pressed twice. A second refund of that amount is possible
 * once `window_seconds` have passed since the first. No ids: it is read in Medusa's own toast.
 */
export function duplicateRefundMessage(input: {
  amount: string
  currency_code: string
  age_seconds: number
  window_seconds: number
}): string {
  const left = input.window_seconds - input.age_seconds
  const wait = left < 1 ? "in a moment" : `in ${duration(left)}`
  return `The same amount was refunded on this payment ${ago(input.age_seconds)} (${money(input.amount, input.currency_code)}), and no received return is left to refund, so nothing was refunded now. Refund again only if you mean a second refund: try again ${wait}.`
}

/**
 * A refund would claim more units of an order line than the line has: they are all refunded, or
 * being refunded, by other refunds (or the line is not on the order at all).
 */
export function unitsTakenMessage(input: {
  line_item_id: string
  title?: string | null
  of_units: number
}): string {
  const item = input.title ? `"${input.title}"` : "this item"
  const line = details(labelled("order line", input.line_item_id))
  if (input.of_units <= 0) {
    return `${input.title ? item : "This item"} is not on this order, so it cannot be refunded.${line}`
  }
  const units =
    input.of_units === 1
      ? `The 1 unit of ${item} on this order is`
      : `All ${input.of_units} units of ${item} on this order are`
  return `${units} refunded already or being refunded, so nothing was refunded now. Reload the order to see its refunds.${line}`
}

// ---- what a refund is for -------------------------------------------------------------------

/** The order, payment or return a refund names does not exist. */
export function refundTargetNotFoundMessage(what: "order" | "payment" | "return", id: string) {
  return `No ${what} was found for this refund, so nothing was refunded.${details(labelled(what, id))}`
}

/** A refund named a payment of another order. */
export function paymentNotOfOrderMessage(input: { payment_id: string; order_id: string }): string {
  return `The chosen payment is not one of this order's payments, so nothing was refunded. Choose one of the order's own payments.${details(labelled("payment", input.payment_id), labelled("order", input.order_id))}`
}

/** None of the order's payments has anything captured left to refund. */
export function noRefundablePaymentMessage(orderId: string): string {
  return `This order has no captured payment with anything left to refund, so nothing was refunded. Capture its payment first, or check the refunds already made.${details(labelled("order", orderId))}`
}

/** A payment outside any order: the plugin cannot tell what it would refund. */
export function paymentWithoutOrderMessage(paymentId: string): string {
  return `This payment belongs to no order, so the plugin cannot tell what a refund of it is for; nothing was refunded.${details(labelled("payment", paymentId))}`
}

/**
 * More than the payment has left to refund (captured minus refunded) was asked for: Medusa would
 * refuse it too, but only after the plugin had claimed the units, so the plugin says it first.
 */
export function moreThanCapturedMessage(input: {
  amount: string
  refundable: string
  currency_code: string
}): string {
  const left = money(input.refundable, input.currency_code)
  return `${money(input.amount, input.currency_code)} is more than this payment has left to refund (${left}: what was captured minus what was refunded), so nothing was refunded. Enter at most ${left}.`
}
