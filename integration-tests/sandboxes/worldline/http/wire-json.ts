/**
 * JSON numbers written with the currency's decimals (10.50, 1.250), as Worldline's examples show
 * them (docs/gateways/worldline.md#amounts). JSON.stringify prints 10.5 and Node 20 has no
 * JSON.rawJSON, so an amount is a DecimalNumber and `wireText` writes the JSON itself: a
 * DecimalNumber as its bare text, everything else as JSON.stringify would. The order API answers
 * through it (http/api-endpoint.ts hands it to the kit as the endpoint's `jsonText`), and so do
 * notifications.
 */

export class DecimalNumber {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new TypeError(`Not a decimal number: ${text}`)
  }
}

/** The exact JSON text Worldline would send. */
export function wireText(value: unknown): string {
  if (value instanceof DecimalNumber) return value.text
  if (value !== null && typeof value === "object" && "toJSON" in value) {
    return wireText((value as { toJSON(): unknown }).toJSON())
  }
  if (Array.isArray(value)) return `[${value.map((item) => wireText(item ?? null)).join(",")}]`
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value)
      .filter(([, item]) => item !== undefined && typeof item !== "function")
      .map(([key, item]) => `${JSON.stringify(key)}:${wireText(item)}`)
    return `{${fields.join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}

/** The same value as a client parses it (amounts as plain numbers): what tests get in-process. */
export function plain<T>(value: unknown): T {
  return JSON.parse(wireText(value)) as T
}
