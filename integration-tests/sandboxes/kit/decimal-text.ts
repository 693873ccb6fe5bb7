/**
 * Reading amounts exactly. A sandbox must judge the decimal text a client sent (24.985 has too
 * many decimals for cents), never a float's rounding of it, so numbers are turned back into
 * the text they were parsed from before any rule looks at them.
 */

/** An optional sign, digits, and optional decimals: no exponent, no spaces, no "+". */
export const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/

/**
 * A JSON number as the decimal text that was sent: JS prints the shortest text that
 * round-trips, which is the sent text for every amount with up to 15 significant digits;
 * exponent forms (1e-7, 1.5e+21) are expanded.
 */
export function numberToDecimalText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined
  const text = String(value)
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text)
  if (!match) return text
  const [, sign, intPart, fracPart = "", exponent] = match
  const digits = intPart + fracPart
  const pointAt = intPart.length + Number(exponent)
  if (pointAt <= 0) return `${sign}0.${"0".repeat(-pointAt)}${digits}`
  if (pointAt >= digits.length) return `${sign}${digits}${"0".repeat(pointAt - digits.length)}`
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`
}
