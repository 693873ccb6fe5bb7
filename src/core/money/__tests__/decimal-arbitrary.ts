import fc from "fast-check"
import { toDecimal } from ".."

/**
 * Decimals in every spelling an amount reaches the plan code in: Medusa's raw strings (20
 * significant digits, "25.000000000000000000"), short ones ("12.1", "5.", "-.5"), exponent
 * notation ("1.5e-7"), and JS numbers. Digits up to 26 decimals, so 20-decimal rounding is hit.
 */
export function decimalText(options: { maxDigits?: number; maxScale?: number; min?: bigint } = {}) {
  const { maxDigits = 12, maxScale = 26 } = options
  const limit = 10n ** BigInt(maxDigits)
  return fc
    .tuple(
      fc.bigInt({ min: options.min ?? -limit, max: limit }),
      fc.integer({ min: 0, max: maxScale }),
      fc.constantFrom("plain", "raw", "trailing", "exponent", "bare"),
    )
    .map(([units, scale, spelling]) => {
      const value = toDecimal(units.toString()).shiftedBy(-scale)
      switch (spelling) {
        case "raw":
          return value.isZero() ? "0.0000000000000000000" : value.toPrecision(20)
        case "trailing":
          return value.toFixed(scale + 3)
        case "exponent":
          return value.toExponential()
        case "bare": {
          const text = value.toFixed()
          if (text.startsWith("0.")) return text.slice(1)
          if (text.startsWith("-0.")) return `-${text.slice(2)}`
          return text.includes(".") ? text : `${text}.`
        }
        default:
          return value.toFixed()
      }
    })
}

/** A decimal as text or as a JS number (read by bignumber.js through its shortest form). */
export function decimalInput(
  options: { maxDigits?: number; maxScale?: number; min?: bigint } = {},
) {
  const limit = 10 ** (options.maxDigits ?? 12)
  const min = options.min === undefined ? -limit : Number(options.min)
  return fc.oneof(
    { weight: 4, arbitrary: decimalText(options) },
    {
      weight: 1,
      arbitrary: fc.double({
        min: Math.max(min, -limit) / 1000,
        max: limit / 1000,
        noNaN: true,
        noDefaultInfinity: true,
      }),
    },
    { weight: 1, arbitrary: fc.integer({ min: Math.max(min, -1000), max: Math.min(limit, 1000) }) },
  )
}

/** Text bignumber.js reads otherwise, or not at all: the callers' fallbacks must see it. */
export const oddDecimalText = fc.constantFrom(
  " 5",
  "+5",
  "0x1f",
  "Infinity",
  "-Infinity",
  "NaN",
  "",
  "-",
  ".",
  "1e1001",
  "1.2.3",
  "abc",
)
