import { pow10, roundHalfUp } from "./fixed-point"

/**
 * Minor-unit exponents for the currencies that do not use cents. MultiSafepay amounts are
 * "minor units" (1000 = EUR 10, 10 = JPY 10), while its cart rounding rule works in 2 decimals.
 */
const EXPONENT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
}

export function currencyExponent(currency: string): number {
  return EXPONENT_EXCEPTIONS[currency] ?? 2
}

/** A 2-decimal major-unit value (the rounding rule's output) in the currency's minor units. */
export function centsToMinor(cents: bigint, currency: string): bigint {
  return roundHalfUp(cents, 2, currencyExponent(currency))
}

/** Minor units as a fixed-point major-unit value at `scale` decimals. */
export function minorToFixed(minor: bigint, currency: string, scale: number): bigint {
  const exponent = currencyExponent(currency)
  return scale >= exponent ? minor * pow10(scale - exponent) : roundHalfUp(minor, exponent, scale)
}
