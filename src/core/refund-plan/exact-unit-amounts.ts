import { MathBN } from "@medusajs/framework/utils"
// straight from the file, not the index: the index's re-exports are getters, and this runs per line
import {
  BIGNUMBER_DIVISION_PLACES as PLACES,
  pow10,
  roundedQuotient,
  ScaledDecimal,
  SCALED_ZERO,
  scaledFrom,
  scaledPlus,
  scaledToString,
  unitsAtScale,
} from "../money/scaled-decimal"
import { OrderItemSnapshot, ShippingMethodSnapshot, TaxLineSnapshot } from "./types"

/** `UnitAmounts` (./line-amounts.ts) as exact scaled decimals. */
export interface ExactUnitAmounts {
  unit_price_excl_tax: ScaledDecimal
  unit_price_incl_tax: ScaledDecimal
  tax_rate: ScaledDecimal
  /** `tax_rate` printed, once per set of rates */
  tax_rate_text: string
  discount_subtotal: ScaledDecimal
  discount_total: ScaledDecimal
  total: ScaledDecimal
}

/**
 * A decimal as numerator / power of ten, the powers cancelled as far as they go (1.21 is
 * 121/100), so multiplying by it and rounding back to 20 decimals works on short bigints.
 */
interface Ratio {
  numerator: bigint
  /** 10^decimals */
  denominator: bigint
  decimals: number
  /** 2·numerator and 2·denominator, for `roundedQuotient` */
  twiceNumerator: bigint
  twiceDenominator: bigint
}

/**
 * What a line's tax lines come to, the same for every line with the same rates. Figures below
 * are bigint counts of 10^-20: every figure Medusa computes has at most 20 decimals, or is the
 * product of two such, which is rounded straight back.
 */
interface TaxRates {
  /** Σ rates (the plan's `tax_rate`) */
  sum: ScaledDecimal
  sumText: string
  /** O = 1 + round(Σ rates / 100), the divisor of a tax-inclusive amount */
  divisor: Ratio
  /** F = 1 + Σ round(rate / 100): what taxing an amount line by line multiplies it by */
  factor: Ratio
}

/**
 * Tax rates worked out per distinct set of rates, for one plan: a line's one rate as text by
 * that text (the usual case, with no key to build), any other set by `taxRatesKey`.
 */
export interface TaxRatesCache {
  byRate: Map<string, TaxRates | null>
  byKey: Map<string, TaxRates | null>
}

export function taxRatesCache(): TaxRatesCache {
  return { byRate: new Map(), byKey: new Map() }
}

const E = pow10(PLACES)
/** 1e-12 in counts of 10^-20: see `clampDivisionNoise` */
const NOISE = pow10(PLACES - 12)

/**
 * True while bignumber.js divides as it does by default (20 decimals, ROUND_HALF_UP = 4), the
 * setting `exactUnitAmounts` reproduces. Medusa never changes it; should anything in the process
 * do so, plans go back to Medusa's own functions rather than differ from them.
 */
export function bigNumberDivisionIsDefault(): boolean {
  const config = (
    MathBN.convert(0).constructor as unknown as {
      config(): { DECIMAL_PLACES: number; ROUNDING_MODE: number }
    }
  ).config()
  return config.DECIMAL_PLACES === PLACES && config.ROUNDING_MODE === 4
}

/**
 * What `unitAmounts` computes for a line of `quantity` (> 0) units, to the last decimal, without
 * Medusa's BigNumber objects. Medusa's `getLineItemTotals` (@medusajs/utils dist/totals/line-item,
 * with adjustment/ and tax/) sums and multiplies exactly and rounds only where it divides (to 20
 * decimals, half up). Those divisions are made here just as it makes them:
 *
 *   T = round(Σr / 100), t_j = round(r_j / 100), O = 1 + T,
 *   subtotal  st = P·q (exclusive) or round(P·q / O) (inclusive),
 *   discounts S  = Σ a_k (exclusive ones) + Σ round(a_k / O) (inclusive ones), d = round(S / q).
 *
 * Everything else is exact, so it can be regrouped without changing a digit: with D = d·q,
 * X = st − D and F = 1 + Σ t_j, Medusa's total is X + Σ X·t_j = X·F, its original total P·q·F
 * (exclusive) or P·q (inclusive), its discount total D + Σ st·t_j − Σ X·t_j = D·F. The per-unit
 * figures divide those by q (rounded); where the division is exact (P·q·F / q = P·F) only the
 * rounding of the quotient to 20 decimals is left. Null when a figure is not a plain finite
 * decimal of at most 20 decimals, or O is 0 (a rate of -100 %): the caller then asks Medusa's
 * functions themselves.
 */
export function exactUnitAmounts(
  item: OrderItemSnapshot,
  quantity: number,
  cache: TaxRatesCache = taxRatesCache(),
): ExactUnitAmounts | null {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) return null
  const unitPrice = scaledFrom(item.unit_price)
  const price = unitPrice && unitsAtScale(unitPrice, PLACES)
  const adjustments = item.adjustments ?? []
  if (!unitPrice || price === null || !Array.isArray(adjustments)) return null
  const rates = cachedTaxRates(item.tax_lines, cache)
  if (!rates) return null
  const { divisor, factor } = rates
  const q = BigInt(quantity)

  let discounts = 0n
  for (const adjustment of adjustments) {
    if (adjustment == null) return null
    if (adjustment.amount === undefined) continue // Medusa skips these (isDefined)
    const amount = at20(adjustment.amount)
    if (amount === null) return null
    discounts += adjustment.is_tax_inclusive ? dividedBy(amount, divisor) : amount
  }
  const discount = discounts === 0n ? 0n : perUnit(discounts, q)

  // The price itself, and the price with its tax when that needs no rounding, keep the price's
  // own few decimals: short figures print much faster than ones at 10^-20.
  let excl: ScaledDecimal
  let incl: ScaledDecimal
  let total: ScaledDecimal
  if (item.is_tax_inclusive) {
    const subtotal = dividedBy(price * q, divisor)
    excl = at20Decimal(perUnit(subtotal, q))
    incl = unitPrice
    // round(X·F / q) with X = st − d·q
    const taxable = discount === 0n ? subtotal : subtotal - discount * q
    total = at20Decimal(roundedQuotient(taxable * factor.numerator, factor.denominator * q))
  } else {
    excl = unitPrice
    incl =
      unitPrice.scale + factor.decimals <= PLACES
        ? { units: unitPrice.units * factor.numerator, scale: unitPrice.scale + factor.decimals }
        : at20Decimal(times(price, factor))
    total = discount === 0n ? incl : at20Decimal(times(price - discount, factor))
  }
  return {
    unit_price_excl_tax: clampDivisionNoise(excl),
    unit_price_incl_tax: clampDivisionNoise(incl),
    tax_rate: rates.sum,
    tax_rate_text: rates.sumText,
    // d·q / q is d, which has 20 decimals already
    discount_subtotal: discount === 0n ? SCALED_ZERO : clampDivisionNoise(at20Decimal(discount)),
    discount_total:
      discount === 0n ? SCALED_ZERO : clampDivisionNoise(at20Decimal(times(discount, factor))),
    total: clampDivisionNoise(total),
  }
}

function at20Decimal(units: bigint): ScaledDecimal {
  return { units, scale: PLACES }
}

/** x·r rounded to 20 decimals (x at 10^-20). */
function times(x: bigint, r: Ratio): bigint {
  return r.denominator === 1n
    ? x * r.numerator
    : roundedQuotient(x * r.numerator, r.denominator, r.twiceDenominator)
}

/** x / r rounded to 20 decimals (x at 10^-20). */
function dividedBy(x: bigint, r: Ratio): bigint {
  return r.numerator === 1n
    ? x * r.denominator
    : roundedQuotient(x * r.denominator, r.numerator, r.twiceNumerator)
}

/**
 * What `shippingTotal` (./line-amounts.ts) computes, by Medusa's `getShippingMethodTotals`
 * steps: subtotal st = A (exclusive) or round(A / O) (inclusive), discounts S = Σ a_k (that
 * function passes them without their tax flag, so all count as excluding tax), total
 * (st − S) + Σ (st − S)·t_j = (st − S)·F. Null when Medusa's functions must answer instead.
 */
export function exactShippingTotal(
  method: ShippingMethodSnapshot,
  cache: TaxRatesCache = taxRatesCache(),
): { total: ScaledDecimal; tax_rate: ScaledDecimal } | null {
  const amount = at20(method.amount)
  const adjustments = method.adjustments ?? []
  if (amount === null || !Array.isArray(adjustments)) return null
  const rates = cachedTaxRates(method.tax_lines, cache)
  if (!rates) return null
  let discounts = 0n
  for (const adjustment of adjustments) {
    if (adjustment == null) return null
    if (adjustment.amount === undefined) continue
    const discount = at20(adjustment.amount)
    if (discount === null) return null
    discounts += discount
  }
  const subtotal = method.is_tax_inclusive ? dividedBy(amount, rates.divisor) : amount
  // (st − S)·F exactly: F = n / 10^k, so at 10^-(20 + k)
  const { numerator, decimals } = rates.factor
  const scale = PLACES + decimals
  const total = (subtotal - discounts) * numerator
  const clamped = total < 0n && -total < pow10(scale - 12) ? 0n : total
  return { total: { units: clamped, scale }, tax_rate: rates.sum }
}

/** A number or plain decimal string of at most 20 decimals, in counts of 10^-20. */
function at20(value: unknown): bigint | null {
  const decimal = scaledFrom(value)
  return decimal && unitsAtScale(decimal, PLACES)
}

/** value / q, to 20 decimals (q > 0). */
function perUnit(value: bigint, q: bigint): bigint {
  return q === 1n ? value : roundedQuotient(value, q)
}

function cachedTaxRates(
  taxLines: TaxLineSnapshot[] | null | undefined,
  cache: TaxRatesCache,
): TaxRates | null {
  const lines = taxLines ?? []
  if (!Array.isArray(lines)) return null
  const only = lines.length === 1 && lines[0] != null ? lines[0].rate : undefined
  const byRate = typeof only === "string"
  const key = byRate ? only : taxRatesKey(lines)
  if (key === null) return taxRatesOf(lines)
  const map = byRate ? cache.byRate : cache.byKey
  let rates = map.get(key)
  if (rates === undefined) {
    rates = taxRatesOf(lines)
    map.set(key, rates)
  }
  return rates
}

/**
 * The rates as one string that tells any two sets apart (each string rate prefixed with its
 * length); null when a rate is neither a number nor a string, which is left uncached.
 */
function taxRatesKey(lines: TaxLineSnapshot[]): string | null {
  let key = ""
  for (const line of lines) {
    const rate = line == null ? undefined : line.rate
    if (typeof rate === "number") key += `n${rate};`
    else if (typeof rate === "string") key += `s${rate.length}:${rate}`
    else return null
  }
  return key
}

function taxRatesOf(lines: TaxLineSnapshot[]): TaxRates | null {
  let sum = SCALED_ZERO
  let sum20 = 0n
  let perLine = 0n
  for (const line of lines) {
    const rate = line == null ? null : scaledFrom(line.rate)
    const rate20 = rate && unitsAtScale(rate, PLACES)
    if (!rate || rate20 === null) return null
    sum = scaledPlus(sum, rate)
    sum20 += rate20
    perLine += roundedQuotient(rate20, 100n)
  }
  const divisor = E + roundedQuotient(sum20, 100n)
  // a divisor ≤ 0 (rates of -100 % or less) is left to Medusa's functions
  if (divisor <= 0n) return null
  return { sum, sumText: scaledToString(sum), divisor: ratio(divisor), factor: ratio(E + perLine) }
}

/** n / 10^20 with the common powers of ten cancelled. */
function ratio(units: bigint): Ratio {
  let numerator = units
  let decimals = PLACES
  while (decimals > 0 && numerator % 10n === 0n) {
    numerator /= 10n
    decimals--
  }
  const denominator = pow10(decimals)
  return {
    numerator,
    denominator,
    decimals,
    twiceNumerator: 2n * numerator,
    twiceDenominator: 2n * denominator,
  }
}

/** As `clampDivisionNoise` in ./line-amounts.ts: a negative smaller than 1e-12 is zero. */
function clampDivisionNoise(value: ScaledDecimal): ScaledDecimal {
  if (value.units >= 0n || value.scale <= 12) return value
  const noise = value.scale === PLACES ? NOISE : pow10(value.scale - 12)
  return -value.units < noise ? SCALED_ZERO : value
}
