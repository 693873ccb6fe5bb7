import fc from "fast-check"
import {
  allocateByLargestRemainder,
  currencyExponent,
  fromMinorUnits,
  Rounding,
  roundToCurrency,
  sameAmountInCurrency,
  toDecimal,
  toMinorUnits,
} from ".."

describe("currencyExponent", () => {
  it.each([
    ["EUR", 2],
    ["eur", 2],
    ["USD", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["ISK", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["CLF", 4],
    ["HUF", 2],
  ])("%s has %i decimals", (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent)
  })

  it("refuses something that is not a currency code", () => {
    expect(() => currencyExponent("EURO")).toThrow('"EURO" is not an ISO 4217 currency code')
    expect(() => currencyExponent("")).toThrow("not an ISO 4217 currency code")
  })
})

describe("minor/major conversion", () => {
  it("converts Medusa's raw amount objects and decimals without float error", () => {
    expect(toMinorUnits({ value: "12.5", precision: 20 }, "EUR")).toBe(1250)
    expect(toMinorUnits("0.29", "EUR")).toBe(29) // 0.29 * 100 is 28.999999999999996 in floats
    expect(toMinorUnits(1.005, "EUR")).toBe(101)
    expect(toMinorUnits("1234", "JPY")).toBe(1234)
    expect(toMinorUnits("1.2345", "KWD")).toBe(1235)
    expect(fromMinorUnits(1235, "KWD")).toBe("1.235")
    expect(fromMinorUnits(5, "EUR")).toBe("0.05")
    expect(fromMinorUnits(-5, "EUR")).toBe("-0.05")
    expect(fromMinorUnits(77, "JPY")).toBe("77")
  })

  it("rounds explicitly", () => {
    expect(toMinorUnits("0.125", "EUR", Rounding.HALF_UP)).toBe(13)
    expect(toMinorUnits("0.125", "EUR", Rounding.HALF_EVEN)).toBe(12)
    expect(toMinorUnits("0.129", "EUR", Rounding.DOWN)).toBe(12)
    expect(toMinorUnits("0.121", "EUR", Rounding.UP)).toBe(13)
    expect(toMinorUnits("-0.125", "EUR", Rounding.HALF_UP)).toBe(-13)
    expect(roundToCurrency("76.978", "EUR")).toBe("76.98")
    expect(roundToCurrency("76.978", "JPY")).toBe("77")
  })

  it("fails loudly instead of losing precision", () => {
    expect(() => toMinorUnits("1e20", "EUR")).toThrow("too large to handle exactly")
    expect(() => fromMinorUnits(0.5, "EUR")).toThrow("safe integer")
    expect(() => toMinorUnits(Number.NaN, "EUR")).toThrow("Not a finite amount")
  })

  it("round-trips every minor amount in every exponent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom("EUR", "JPY", "KWD", "CLF"),
        (minor, currency) => toMinorUnits(fromMinorUnits(minor, currency), currency) === minor,
      ),
      { numRuns: 2000 },
    )
  })

  it("compares amounts with a tolerance below one minor unit", () => {
    expect(sameAmountInCurrency("10.004", "10", "EUR")).toBe(true)
    expect(sameAmountInCurrency("10.01", "10", "EUR")).toBe(false)
    expect(sameAmountInCurrency("10.4", "10", "JPY")).toBe(true)
    expect(sameAmountInCurrency("10.001", "10", "KWD")).toBe(false)
  })
})

describe("allocateByLargestRemainder", () => {
  it("splits a total by weights and hands leftovers to the largest remainders", () => {
    expect(allocateByLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(allocateByLargestRemainder(10, ["0.5", "0.25", "0.25"])).toEqual([5, 3, 2])
    expect(allocateByLargestRemainder(-100, [1, 1, 1])).toEqual([-34, -33, -33])
    expect(allocateByLargestRemainder(0, [1, 2])).toEqual([0, 0])
    expect(allocateByLargestRemainder(7, [0, 3])).toEqual([0, 7])
  })

  it("refuses what cannot be allocated", () => {
    expect(() => allocateByLargestRemainder(5, [])).toThrow("no parts")
    expect(() => allocateByLargestRemainder(5, [0, 0])).toThrow("all weigh 0")
    expect(() => allocateByLargestRemainder(5, [1, -1])).toThrow("must not be negative")
    expect(() => allocateByLargestRemainder(0.5, [1])).toThrow("safe integer")
  })

  it("always sums exactly and stays within one unit of each exact share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 1e7 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 0, max: 4 }),
        (total, rawWeights, scale) => {
          fc.pre(rawWeights.some((w) => w > 0))
          const weights = rawWeights.map((w) => toDecimal(w).shiftedBy(-scale))
          const parts = allocateByLargestRemainder(total, weights)
          const sum = parts.reduce((a, b) => a + b, 0)
          if (sum !== total) return false
          const weightSum = weights.reduce((a, b) => a.plus(b), toDecimal(0))
          return parts.every((part, i) => {
            const exact = weights[i].times(total).dividedBy(weightSum)
            return toDecimal(part).minus(exact).abs().lt(1) && Number.isInteger(part)
          })
        },
      ),
      { numRuns: 2000 },
    )
  })
})
