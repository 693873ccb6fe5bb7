import { roundToCurrency } from "../money"

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

/** "just now", "8 seconds ago", "2 minutes ago" */
export function ago(seconds: number): string {
  return seconds < 1 ? "just now" : `${duration(seconds)} ago`
}

/**
 * The ids and technical causes a message ends with, for whoever investigates: " (payment pay_1,
 * refund ref_1)". Empty parts are left out; nothing at all gives "".
 */
export function details(...parts: Array<string | number | null | undefined | false>): string {
  const shown = parts.filter((p) => p !== null && p !== undefined && p !== false && p !== "")
  return shown.length ? ` (${shown.join(", ")})` : ""
}

/** "payment pay_1", or null when the id is unknown (so `details` leaves it out) */
export function labelled(label: string, id: string | number | null | undefined): string | null {
  return id === null || id === undefined || id === "" ? null : `${label} ${id}`
}
