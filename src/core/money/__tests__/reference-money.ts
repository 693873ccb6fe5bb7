/**
 * The money functions the plan code used before it moved to exact scaled decimals
 * (../scaled-decimal.ts), kept verbatim on bignumber.js as the reference the property tests
 * compare the new code with. Test-only.
 */
import { BigNumberInput } from "@medusajs/framework/types"
import { currencyExponent, Decimal, toDecimal } from ".."

/**
 * Splits an integer total over parts in proportion to their weights, by largest remainder:
 * every part gets the floor of its exact share, then the units still missing go one each to the
 * parts with the largest fractional remainders (ties to the earlier part). The results always
 * sum to `total` exactly and no part is more than one unit from its exact share.
 */
export function referenceAllocateByLargestRemainder(
  total: number,
  weights: ReadonlyArray<BigNumberInput | Decimal>,
): number[] {
  if (!Number.isSafeInteger(total)) {
    throw new TypeError(`Total must be a safe integer, got ${total}`)
  }
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError(`Cannot allocate ${total} over no parts`)
    return []
  }
  const exact = weights.map((w) => toDecimal(w))
  if (exact.some((w) => w.isNegative())) {
    throw new RangeError("Allocation weights must not be negative")
  }
  const weightSum = exact.reduce((sum, w) => sum.plus(w), toDecimal(0))
  if (weightSum.isZero()) {
    if (total !== 0) throw new RangeError(`Cannot allocate ${total} over parts that all weigh 0`)
    return exact.map(() => 0)
  }
  const sign = total < 0 ? -1 : 1
  const magnitude = Math.abs(total)
  const shares = exact.map((w) => w.times(magnitude).dividedBy(weightSum))
  const floors = shares.map((s) => s.integerValue(1 /* ROUND_DOWN */))
  let missing = magnitude - floors.reduce((sum, f) => sum + f.toNumber(), 0)
  const order = shares
    .map((share, index) => ({ index, remainder: share.minus(floors[index]) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index)
  const result = floors.map((f) => f.toNumber())
  for (const { index } of order) {
    if (missing === 0) break
    result[index] += 1
    missing -= 1
  }
  return result.map((units) => sign * units || 0)
}

/** Integer minor units back to a major-unit decimal string with exactly the currency's decimals. */
export function referenceFromMinorUnits(minor: number, currencyCode: string): string {
  if (!Number.isSafeInteger(minor)) {
    throw new TypeError(`Minor units must be a safe integer, got ${minor}`)
  }
  const exponent = currencyExponent(currencyCode)
  return toDecimal(minor).shiftedBy(-exponent).toFixed(exponent)
}
