import { fromMinorUnits, toDecimal, toMinorUnits } from "../../core/money"

/**
 * A JSON number written from its exact decimal text (`10.50`, `1500`, `1.250`): Worldline takes
 * amounts as numbers in major units with the currency's decimals
 * (docs/gateways/worldline.md#amounts), and a JavaScript Number cannot keep `10.50`.
 */
export class DecimalLiteral {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new TypeError(`Not a decimal literal: ${text}`)
  }
}

/** Worldline's `{ amount, currency }` for minor units, exact to the currency's exponent. */
export function worldlineAmount(
  minor: number,
  currency: string,
): { amount: DecimalLiteral; currency: string } {
  const code = currency.toUpperCase()
  return { amount: new DecimalLiteral(fromMinorUnits(minor, code)), currency: code }
}

/**
 * JSON text of a request body in which DecimalLiterals are written as bare numbers. Everything
 * else is serialised as JSON.stringify would (undefined properties left out).
 */
export function toJsonText(value: unknown): string {
  if (value instanceof DecimalLiteral) return value.text
  if (Array.isArray(value)) return `[${value.map((v) => toJsonText(v ?? null)).join(",")}]`
  if (value && typeof value === "object") {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`)
    return `{${parts.join(",")}}`
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new TypeError("A request body may not hold a non-finite number")
  }
  return JSON.stringify(value)
}

/** An amount Worldline wrote (a JSON number or text) in minor units of `currency`. */
export function minorOf(amount: string, currency: string): number {
  return toMinorUnits(toDecimal(amount), currency)
}
