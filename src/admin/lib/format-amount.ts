/**
 * "24.20 EUR": an amount rounded half up to the currency's own minor unit (JPY 0, EUR 2, KWD 3
 * decimals), as the gateway refunds it. Ledger amounts are what Medusa booked, at full precision
 * ("24.2", "18.0895"), as decimal strings: rounded as strings, never through a float.
 */
export function formatAmount(amount: string, currencyCode: string): string {
  const code = currencyCode.toUpperCase()
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions()
      .maximumFractionDigits ?? 2
  const negative = amount.trim().startsWith("-")
  const [whole, fraction = ""] = amount.trim().replace(/^-/, "").split(".")
  const kept = (fraction + "0".repeat(digits + 1)).slice(0, digits + 1)
  let scaled = BigInt(whole + kept.slice(0, digits))
  if (Number(kept[digits]) >= 5) scaled += BigInt(1)
  const text = scaled.toString().padStart(digits + 1, "0")
  const rounded = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text
  return `${negative && scaled > BigInt(0) ? "-" : ""}${rounded} ${code}`
}

/** "2× Mug (24.20 EUR), Shipping (Standard) (5.99 EUR)": refund lines in one phrase. */
export function describeLines(
  lines: ReadonlyArray<{ title: string; quantity: number; amount: string }>,
  currencyCode: string,
): string {
  return lines
    .map((l) => `${l.quantity}× ${l.title} (${formatAmount(l.amount, currencyCode)})`)
    .join(", ")
}
