/**
 * ISO 4217 minor-unit exponents, written once for every sandbox: how many decimals an amount in
 * each currency carries (JPY 0, EUR 2, KWD 3). Codes not listed have 2, as most do. The sandboxes
 * keep their own copy rather than the plugin's (src/core/money) so that they stay an independent
 * check of what the providers send.
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
  UYI: 0,
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
  CLF: 4,
  UYW: 4,
}

/** Three capital letters, as gateways write currency codes. */
export function isCurrencyCode(value: unknown): value is string {
  return typeof value === "string" && /^[A-Z]{3}$/.test(value)
}

/** The decimals of an (upper-case) currency code's minor unit. */
export function currencyExponent(currency: string): number {
  return EXPONENT_EXCEPTIONS[currency] ?? 2
}
