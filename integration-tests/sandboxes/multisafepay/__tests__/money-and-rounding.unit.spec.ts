import { cartTotals } from "../cart/cart-totals"
import { centsToMinor, minorToFixed } from "../money/currency"
import { formatFixed, parseFixed, roundHalfUp } from "../money/fixed-point"

const price = (value: string | number) => {
  const parsed = parseFixed(value, 10)
  if (!parsed.ok) throw new Error(`bad price ${value}`)
  return parsed.value
}
const rate = (value: string) => {
  const parsed = parseFixed(value, 2)
  if (!parsed.ok) throw new Error(`bad rate ${value}`)
  return parsed.value
}

describe("fixed-point money", () => {
  it("parses numbers and strings exactly, up to the scale", () => {
    expect(parseFixed(24.7933884298, 10)).toEqual({ ok: true, value: 247933884298n })
    expect(parseFixed("-9.1743119266", 10)).toEqual({ ok: true, value: -91743119266n })
    expect(parseFixed("90", 10)).toEqual({ ok: true, value: 900000000000n })
    expect(parseFixed("1.50", 1)).toEqual({ ok: true, value: 15n })
    expect(parseFixed("1.12345678901", 10)).toEqual({ ok: false, reason: "too_many_decimals" })
    expect(parseFixed(1e-11, 10)).toEqual({ ok: false, reason: "too_many_decimals" })
    expect(parseFixed("1e3", 10)).toEqual({ ok: false, reason: "not_a_number" })
    expect(parseFixed(" 1", 10)).toEqual({ ok: false, reason: "not_a_number" })
    expect(parseFixed(Number.NaN, 10)).toEqual({ ok: false, reason: "not_a_number" })
  })

  it("rounds half away from zero and formats with a fixed scale", () => {
    expect(roundHalfUp(12345n, 3, 2)).toBe(1235n)
    expect(roundHalfUp(12344n, 3, 2)).toBe(1234n)
    expect(roundHalfUp(-12345n, 3, 2)).toBe(-1235n)
    expect(formatFixed(41322314050n, 10)).toBe("4.1322314050")
    expect(formatFixed(-5n, 10)).toBe("-0.0000000005")
  })

  it("converts between 2-decimal totals and minor units per currency", () => {
    expect(centsToMinor(9500n, "EUR")).toBe(9500n)
    expect(centsToMinor(1000n, "JPY")).toBe(10n)
    expect(minorToFixed(1234n, "EUR", 10)).toBe(123400000000n)
    expect(minorToFixed(10n, "JPY", 10)).toBe(100000000000n)
  })
})

// docs/gateways/multisafepay.md#rounding
describe("the rounding rule", () => {
  const r21 = rate("0.21")

  it("O1 totals 95.00: items 81.24 + VAT 13.76", () => {
    const totals = cartTotals(
      [
        { unitPrice: price("24.7933884298"), quantity: 2, rate: r21 },
        { unitPrice: price("9.1743119266"), quantity: 3, rate: rate("0.09") },
        { unitPrice: price("4.1322314050"), quantity: 1, rate: r21 },
      ],
      "EUR",
    )
    expect(totals).toEqual({
      itemsCents: 8124n,
      vatCents: 1376n,
      totalCents: 9500n,
      totalMinor: 9500n,
    })
  })

  it("TV4: returning 1 then 2 of L3 refunds 16.66 then 33.34", () => {
    const l3 = { unitPrice: price("13.7741046832"), quantity: 3, rate: r21 }
    const refund = (quantity: number) => ({ unitPrice: -l3.unitPrice, quantity, rate: r21 })
    const before = cartTotals([l3], "EUR").totalMinor
    const afterFirst = cartTotals([l3, refund(1)], "EUR").totalMinor
    const afterSecond = cartTotals([l3, refund(1), refund(2)], "EUR").totalMinor
    expect(before).toBe(5000n)
    expect(before - afterFirst).toBe(1666n)
    expect(afterFirst - afterSecond).toBe(3334n)
  })

  it("TV11: 30.57 gross ×3 at 21% is 91.69 with a 2-dp ex-VAT price and 91.71 with 10 dp", () => {
    expect(
      cartTotals([{ unitPrice: price("25.26"), quantity: 3, rate: r21 }], "EUR").totalMinor,
    ).toBe(9169n)
    expect(
      cartTotals([{ unitPrice: price("25.2644628099"), quantity: 3, rate: r21 }], "EUR").totalMinor,
    ).toBe(9171n)
  })
})
