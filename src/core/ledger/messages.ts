import { roundToCurrency } from "../money"

/**
 * What staff are told when a refund is refused or its outcome is unknown: what happened and what
 * to do, in plain words. One place, so every entry point says the same thing.
 */

/** "24.20 EUR": an amount as staff read it, to the currency's minor unit. */
export function money(amount: string, currencyCode: string): string {
  return `${roundToCurrency(amount, currencyCode)} ${currencyCode.toUpperCase()}`
}

/** "8 seconds", "1 minute", "3 minutes" */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s} second${s === 1 ? "" : "s"}`
  const m = Math.ceil(s / 60)
  return `${m} minute${m === 1 ? "" : "s"}`
}

/** The outcome of this very refund is unknown: the gateway's answer was lost. */
export function outcomeUnknownMessage(gateway: string, detail: string): string {
  return `${gateway} may have made this refund, but its answer was lost (${detail}). Nothing is booked in Medusa yet and the plugin is checking with ${gateway}: do not refund again. The refund is recorded as soon as ${gateway} confirms it, or released if ${gateway} never made it.`
}

/** Another refund of the same units or amount is in doubt. */
export function blockedByInDoubtMessage(entry: { amount: string; currency_code: string }): string {
  return `A refund of ${money(entry.amount, entry.currency_code)} on this payment is in doubt: the gateway may have made it, but its answer was lost. The plugin is checking with the gateway: do not refund again. Try again once that refund is confirmed or released (the order page shows it).`
}

/** A refund of the same amount was just made and nothing received is left to refund. */
export function duplicateRefundMessage(input: {
  amount: string
  currency_code: string
  age_seconds: number
  window_seconds: number
}): string {
  const when = input.age_seconds < 1 ? "just now" : `${duration(input.age_seconds)} ago`
  return `A refund of ${money(input.amount, input.currency_code)} was made on this payment ${when}, and no received return is left to refund, so this looks like the same refund twice. If you mean to refund this amount again, try again in ${duration(input.window_seconds - input.age_seconds)}.`
}
