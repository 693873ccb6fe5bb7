import { BigNumberInput } from "@medusajs/framework/types"
import { Decimal, toDecimal } from "./decimal"
import { BIGNUMBER_DIVISION_PLACES, pow10, ScaledDecimal, scaledFromString } from "./scaled-decimal"

/**
 * Splits an integer total over parts in proportion to their weights, by largest remainder:
 * every part gets the floor of its exact share, then the units still missing go one each to the
 * parts with the largest fractional remainders (ties to the earlier part). The results always
 * sum to `total` exactly and no part is more than one unit from its exact share.
 */
export function allocateByLargestRemainder(
  total: number,
  weights: ReadonlyArray<BigNumberInput | Decimal>,
): number[] {
  assertSafeTotal(total)
  const exact = weights.map((w) => toDecimal(w))
  // checked on the decimals: bignumber.js counts -0 as negative, a bigint cannot
  if (exact.some((w) => w.isNegative())) {
    throw new RangeError("Allocation weights must not be negative")
  }
  return allocateScaledByLargestRemainder(
    total,
    exact.map((w) => scaledFromString(w.toFixed())!),
  )
}

/**
 * `allocateByLargestRemainder` on exact scaled decimals, for a plan's many lines. Each share is
 * rounded to 20 decimals half up before its floor and remainder are taken, as bignumber.js's
 * division did when this was written on it, so ties and the rare share that rounds up to a whole
 * unit fall exactly as they always have.
 */
export function allocateScaledByLargestRemainder(
  total: number,
  weights: ReadonlyArray<ScaledDecimal>,
): number[] {
  assertSafeTotal(total)
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError(`Cannot allocate ${total} over no parts`)
    return []
  }
  if (weights.some((w) => w.units < 0n)) {
    throw new RangeError("Allocation weights must not be negative")
  }
  const scale = weights.reduce((max, w) => Math.max(max, w.scale), 0)
  const units = weights.map((w) => (w.scale === scale ? w.units : w.units * pow10(scale - w.scale)))
  const weightSum = units.reduce((sum, w) => sum + w, 0n)
  if (weightSum === 0n) {
    if (total !== 0) throw new RangeError(`Cannot allocate ${total} over parts that all weigh 0`)
    return weights.map(() => 0)
  }
  const sign = total < 0 ? -1 : 1
  const magnitude = Math.abs(total)
  // share_i = w_i × magnitude / Σw in units of 10^-20, rounded half up: all terms are ≥ 0, so
  // that is floor((2·w_i·magnitude·10^20 + Σw) / (2·Σw))
  const one = pow10(BIGNUMBER_DIVISION_PLACES)
  const twiceScaledMagnitude = 2n * BigInt(magnitude) * one
  const twiceSum = 2n * weightSum
  const result: number[] = new Array(units.length)
  const remainders: bigint[] = new Array(units.length)
  let missing = magnitude
  for (let i = 0; i < units.length; i++) {
    const share = (units[i] * twiceScaledMagnitude + weightSum) / twiceSum
    result[i] = Number(share / one)
    remainders[i] = share % one
    missing -= result[i]
  }
  // One more unit each, largest remainder first, while units are missing. (Rounding a share up
  // to a whole unit can leave `missing` below zero; the loop this replaces then gave every part
  // one more, so this does too.)
  if (missing !== 0) {
    const chosen =
      missing > 0 && missing < units.length
        ? largestRemainders(remainders, missing)
        : units.map((_, index) => index)
    for (const index of chosen) result[index] += 1
  }
  return result.map((part) => sign * part || 0)
}

/**
 * The `count` parts with the largest remainders, ties to the earlier part: only which parts,
 * since each gets one unit. The remainders are ranked as doubles in a typed array (a native
 * numeric sort): a bigint converted to a double never changes order with another, it can only
 * tie with it, so only the parts tied at the cut are compared exactly.
 */
function largestRemainders(remainders: ReadonlyArray<bigint>, count: number): number[] {
  const approximate = Float64Array.from(remainders, Number)
  const cut = approximate.slice().sort()[approximate.length - count]
  const chosen: number[] = []
  const tied: number[] = []
  approximate.forEach((value, index) => {
    if (value > cut) chosen.push(index)
    else if (value === cut) tied.push(index)
  })
  tied.sort((a, b) =>
    remainders[a] < remainders[b] ? 1 : remainders[a] > remainders[b] ? -1 : a - b,
  )
  return chosen.concat(tied.slice(0, count - chosen.length))
}

function assertSafeTotal(total: number) {
  if (!Number.isSafeInteger(total)) {
    throw new TypeError(`Total must be a safe integer, got ${total}`)
  }
}
