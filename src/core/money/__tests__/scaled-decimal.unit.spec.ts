import fc from "fast-check"
import {
  allocateByLargestRemainder,
  allocateScaledByLargestRemainder,
  formatMinorUnits,
  fromMinorUnits,
  roundedQuotient,
  ScaledDecimal,
  scaledFrom,
  scaledFromString,
  scaledMinus,
  scaledPlus,
  scaledTimes,
  scaledToString,
  toDecimal,
  unitsAtScale,
} from ".."
import { decimalInput, decimalText, oddDecimalText } from "./decimal-arbitrary"
import { referenceAllocateByLargestRemainder, referenceFromMinorUnits } from "./reference-money"

const RUNS = { numRuns: 3000 }

/** What bignumber.js (Medusa's MathBN) makes of a value, as the plan writes it. */
const bn = (value: string | number) => toDecimal(value)
const text = (value: ScaledDecimal | null) => (value ? scaledToString(value) : null)

/** The same outcome: the same value, or the same error (class and message). */
function outcome(run: () => unknown) {
  try {
    return { value: run() }
  } catch (error) {
    return { error: `${(error as Error).constructor.name}: ${(error as Error).message}` }
  }
}

describe("scaled decimals read and write what bignumber.js does", () => {
  it("reads every plain spelling of a decimal exactly, and prints it as toFixed() does", () => {
    fc.assert(
      fc.property(decimalInput(), (value) => {
        expect(text(scaledFrom(value))).toBe(bn(value).toFixed())
      }),
      RUNS,
    )
    expect(text(scaledFromString("25.000000000000000000"))).toBe("25")
    expect(scaledFromString("57.00")).toEqual({ units: 57n, scale: 0 })
    expect(scaledFromString("-0.50")).toEqual({ units: -5n, scale: 1 })
    expect(text(scaledFromString("-.5"))).toBe("-0.5")
    expect(text(scaledFromString("5."))).toBe("5")
    expect(text(scaledFromString("1.5e-7"))).toBe("0.00000015")
    expect(text(scaledFromString("12e+3"))).toBe("12000")
  })

  it("leaves to bignumber.js whatever it does not read as a plain decimal", () => {
    fc.assert(
      fc.property(oddDecimalText, (value) => {
        expect(scaledFromString(value)).toBeNull()
      }),
    )
    expect(scaledFrom(Number.NaN)).toBeNull()
    expect(scaledFrom(Infinity)).toBeNull()
    expect(scaledFrom(null)).toBeNull()
    expect(scaledFrom({ value: "1" })).toBeNull()
  })

  it("adds, subtracts and multiplies exactly", () => {
    fc.assert(
      fc.property(decimalInput(), decimalInput(), (a, b) => {
        const x = scaledFrom(a)!
        const y = scaledFrom(b)!
        expect(text(scaledPlus(x, y))).toBe(bn(a).plus(bn(b)).toFixed())
        expect(text(scaledMinus(x, y))).toBe(bn(a).minus(bn(b)).toFixed())
        expect(text(scaledTimes(x, y))).toBe(bn(a).times(bn(b)).toFixed())
      }),
      RUNS,
    )
  })

  it("divides to 20 decimals half away from zero, as bignumber.js's default division", () => {
    /** a / b to 20 decimals through roundedQuotient on counts of 10^-20 */
    const divide = (a: string | number, b: string | number) => {
      const x = unitsAtScale(scaledFrom(a)!, 40)
      const y = unitsAtScale(scaledFrom(b)!, 20)
      // (JS numbers can have more decimals than that: such pairs are not asked about)
      fc.pre(x !== null && y !== null)
      return text({ units: roundedQuotient(x, y), scale: 20 })
    }
    const divisor = decimalInput({ maxDigits: 8, maxScale: 20 }).filter((b) => !bn(b).isZero())
    fc.assert(
      fc.property(decimalInput({ maxDigits: 20, maxScale: 40 }), divisor, (a, b) => {
        expect(divide(a, b)).toBe(bn(a).dividedBy(bn(b)).toFixed())
      }),
      RUNS,
    )
    // exact halves at the 21st decimal, both signs
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), divisor, (digits, b) => {
        const a = toDecimal(`${digits}5`).shiftedBy(-21).times(bn(b)).toFixed()
        fc.pre(bn(a).decimalPlaces()! <= 40)
        expect(divide(a, b)).toBe(bn(a).dividedBy(bn(b)).toFixed())
      }),
      RUNS,
    )
  })

  it("reads a value at a larger scale, and refuses a smaller one", () => {
    expect(unitsAtScale(scaledFrom("12.5")!, 20)).toBe(125n * 10n ** 19n)
    expect(unitsAtScale(scaledFrom("-0.001")!, 3)).toBe(-1n)
    expect(unitsAtScale(scaledFrom("0.0001")!, 3)).toBeNull()
  })
})

describe("minor units and allocation match the bignumber.js versions they replace", () => {
  it("formats minor units as before", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constant(-0)),
        fc.constantFrom("EUR", "JPY", "KWD", "CLF"),
        (minor, currency) => {
          expect(fromMinorUnits(minor, currency)).toBe(referenceFromMinorUnits(minor, currency))
        },
      ),
      RUNS,
    )
    expect(formatMinorUnits(-5, 2)).toBe("-0.05")
    expect(formatMinorUnits(-0, 2)).toBe("0.00")
    expect(outcome(() => fromMinorUnits(0.5, "EUR"))).toEqual(
      outcome(() => referenceFromMinorUnits(0.5, "EUR")),
    )
  })

  it("allocates exactly as the bignumber.js allocation, ties and 20-decimal rounding included", () => {
    const weight = fc.oneof(
      decimalText({ min: 0n, maxScale: 25 }),
      fc.constantFrom("0", "1", "0.5", "1e-21", "0.333333333333333333333"),
    )
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.array(weight, { minLength: 0, maxLength: 30 }),
        (total, weights) => {
          const expected = outcome(() => referenceAllocateByLargestRemainder(total, weights))
          expect(outcome(() => allocateByLargestRemainder(total, weights))).toEqual(expected)
          if (weights.every((w) => !bn(w).isNegative())) {
            const scaled = weights.map((w) => scaledFrom(w)!)
            expect(outcome(() => allocateScaledByLargestRemainder(total, scaled))).toEqual(expected)
          }
        },
      ),
      RUNS,
    )
  })

  it("ranks remainders that differ past a double's precision, or only past 20 decimals, as before", () => {
    // near-equal weights: their remainders tie as doubles, some also at 20 decimals
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom("1", "3", "7.77", "1234567.891"),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 40 }),
        fc.integer({ min: 15, max: 25 }),
        (total, base, nudges, digits) => {
          const weights = nudges.map((n) => bn(base).plus(bn(n).shiftedBy(-digits)).toFixed())
          expect(allocateByLargestRemainder(total, weights)).toEqual(
            referenceAllocateByLargestRemainder(total, weights),
          )
        },
      ),
      RUNS,
    )
  })

  it("refuses what the bignumber.js allocation refused, with the same words", () => {
    for (const [total, weights] of [
      [5, []],
      [5, [0, 0]],
      [5, [1, -1]],
      [5, [1, -0]],
      [0.5, [1]],
      [5, ["abc"]],
    ] as Array<[number, Array<string | number>]>) {
      expect(outcome(() => allocateByLargestRemainder(total, weights))).toEqual(
        outcome(() => referenceAllocateByLargestRemainder(total, weights)),
      )
    }
  })
})
