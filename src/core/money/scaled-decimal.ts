/**
 * Exact decimals as a bigint count of 10^-scale (12.5 is 125n at scale 1), for loops that run
 * once per order line. They give the same values bignumber.js gives (what Medusa's MathBN uses):
 * sums, differences and products are exact in both, and `roundedQuotient` rounds the way
 * bignumber.js's default division does (half away from zero; at 20 decimals when both sides are
 * counts of 10^-20), at a fraction of the cost of its digit arrays and of Medusa's BigNumber
 * wrappers around them. No money is ever a float: a double here only holds a safe integer,
 * which it holds exactly.
 */
export interface ScaledDecimal {
  readonly units: bigint
  /** decimals: never negative */
  readonly scale: number
}

export const SCALED_ZERO: ScaledDecimal = { units: 0n, scale: 0 }

/** bignumber.js's DECIMAL_PLACES and ROUNDING_MODE (half up) defaults: Medusa never changes them. */
export const BIGNUMBER_DIVISION_PLACES = 20

/** bignumber.js's own test of a plain decimal string (`isNumeric` in bignumber.js). */
const DECIMAL_TEXT = /^(-?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:e([+-]?\d+))?$/i
/** Exponents beyond this are left to bignumber.js, which clamps them to its own range. */
const MAX_EXPONENT = 1000

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const POWERS: bigint[] = [1n]
/** 10^n as a bigint, cached. */
export function pow10(n: number): bigint {
  for (let k = POWERS.length; k <= n; k++) POWERS.push(POWERS[k - 1] * 10n)
  return POWERS[n]
}

/**
 * A decimal string bignumber.js reads as a plain number ("12.10", "-.5", "1e-7"), exactly;
 * null for anything else (hex, surrounding spaces, "Infinity", "NaN", an exponent out of range),
 * which callers leave to bignumber.js. Trailing zeros of the fraction are dropped (Medusa's raw
 * amounts carry 20 significant digits: "25.000000000000000000" is 25 at scale 0), which keeps
 * later products short and often spares their rounding.
 */
export function scaledFromString(text: string): ScaledDecimal | null {
  const plain = plainDecimal(text)
  if (plain !== undefined) return plain
  const match = DECIMAL_TEXT.exec(text)
  if (!match) return null
  const [, sign, whole = "", fraction = "", bareFraction, exponentText] = match
  const decimals = bareFraction ?? fraction
  const exponent = exponentText === undefined ? 0 : Number(exponentText)
  if (Math.abs(exponent) > MAX_EXPONENT) return null
  let units = BigInt(whole + decimals)
  let scale = decimals.length - exponent
  if (scale < 0) {
    units *= pow10(-scale)
    scale = 0
  }
  return { units: sign ? -units : units, scale }
}

/** "-12.340" and the like, read without a regular expression; undefined for any other text. */
function plainDecimal(text: string): ScaledDecimal | undefined {
  const length = text.length
  const start = text.charCodeAt(0) === 45 /* "-" */ ? 1 : 0
  let point = -1
  let lastNonZero = -1
  for (let i = start; i < length; i++) {
    const code = text.charCodeAt(i)
    if (code === 46 /* "." */ && point < 0 && i > start) point = i
    else if (code < 48 || code > 57) return undefined
    else if (code !== 48) lastNonZero = i
  }
  if (length === start) return undefined
  // the digits that count: the whole part and the fraction up to its last non-zero digit
  const end = point < 0 ? length : lastNonZero > point ? lastNonZero + 1 : point
  const scale = point < 0 || end === point ? 0 : end - point - 1
  const digitCount = end - start - (scale > 0 ? 1 : 0)
  let units: bigint
  if (digitCount <= 15) {
    // a double holds 15 digits exactly: add them up there, with no strings in between
    let n = 0
    for (let i = start; i < end; i++) if (i !== point) n = n * 10 + text.charCodeAt(i) - 48
    units = BigInt(n)
  } else {
    units = BigInt(
      point < 0 || end === point
        ? text.slice(start, end)
        : text.slice(start, point) + text.slice(point + 1, end),
    )
  }
  return { units: start ? -units : units, scale }
}

/** A JS number as bignumber.js reads it (through its shortest decimal form); null if not finite. */
function scaledFromNumber(value: number): ScaledDecimal | null {
  if (Number.isSafeInteger(value)) return { units: BigInt(value), scale: 0 }
  return Number.isFinite(value) ? scaledFromString(String(value)) : null
}

/** A number or a plain decimal string, exactly; null for anything else (see `scaledFromString`). */
export function scaledFrom(value: unknown): ScaledDecimal | null {
  if (typeof value === "number") return scaledFromNumber(value)
  if (typeof value === "string") return scaledFromString(value)
  return null
}

function atScale(value: ScaledDecimal, scale: number): bigint {
  return value.scale === scale ? value.units : value.units * pow10(scale - value.scale)
}

export function scaledPlus(a: ScaledDecimal, b: ScaledDecimal): ScaledDecimal {
  const scale = Math.max(a.scale, b.scale)
  return { units: atScale(a, scale) + atScale(b, scale), scale }
}

export function scaledMinus(a: ScaledDecimal, b: ScaledDecimal): ScaledDecimal {
  const scale = Math.max(a.scale, b.scale)
  return { units: atScale(a, scale) - atScale(b, scale), scale }
}

export function scaledTimes(a: ScaledDecimal, b: ScaledDecimal): ScaledDecimal {
  return { units: a.units * b.units, scale: a.scale + b.scale }
}

/**
 * n / d rounded to an integer, half away from zero (bignumber.js's ROUND_HALF_UP), d ≠ 0: for
 * loops that keep their figures as bigints at one scale.
 */
export function roundedQuotient(n: bigint, d: bigint, twiceD: bigint = 2n * d): bigint {
  if (d < 0n) return roundedQuotient(-n, -d)
  // floor(|n|/d + 1/2) = floor((2|n| + d) / 2d); callers that divide by one d often pass 2d
  return n >= 0n ? (2n * n + d) / twiceD : -((d - 2n * n) / twiceD)
}

/** The value as a bigint count of 10^-scale; null when it has more decimals than that. */
export function unitsAtScale(value: ScaledDecimal, scale: number): bigint | null {
  if (value.scale > scale) return null
  return value.scale === scale ? value.units : value.units * pow10(scale - value.scale)
}

/**
 * Normal notation with no trailing zeros and no exponent: what bignumber.js's `toFixed()` gives
 * (`decimalString` in ./decimal.ts), so a plan's strings come out the same either way.
 */
export function scaledToString(value: ScaledDecimal): string {
  const { units } = value
  if (units === 0n) return "0"
  const negative = units < 0n
  const magnitude = negative ? -units : units
  let scale = value.scale
  let digits: string
  if (magnitude <= MAX_SAFE) {
    // a double holds a safe integer exactly: strip the zeros and print it there, faster
    let n = Number(magnitude)
    while (scale > 0 && n % 10 === 0) {
      n /= 10
      scale--
    }
    digits = String(n)
  } else {
    digits = magnitude.toString()
    let end = digits.length
    while (scale > 0 && digits.charCodeAt(end - 1) === 48 /* "0" */) {
      end--
      scale--
    }
    if (end !== digits.length) digits = digits.slice(0, end)
  }
  let text: string
  if (scale === 0) text = digits
  else if (digits.length > scale) {
    text = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`
  } else text = `0.${"0".repeat(scale - digits.length)}${digits}`
  return negative ? `-${text}` : text
}
