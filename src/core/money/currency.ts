import { MedusaError } from "@medusajs/framework/utils"

/**
 * ISO 4217 minor-unit exponents. Every active code not listed here has two decimals.
 * Medusa's own `defaultCurrencies` deviates from ISO for some codes (it gives HUF and TWD 0
 * decimals); gateways settle in ISO minor units, so ISO is what we convert with.
 */
const EXPONENT_EXCEPTIONS: Readonly<Record<string, number>> = {
  // 0 decimals
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
  // 3 decimals
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  // 4 decimals
  CLF: 4,
  UYW: 4,
}

/** The shape of an ISO 4217 code: three letters. */
export const CURRENCY_CODE = /^[A-Za-z]{3}$/

/** Number of decimals of a currency's minor unit (JPY 0, EUR 2, KWD 3). */
export function currencyExponent(currencyCode: string): number {
  if (typeof currencyCode !== "string" || !CURRENCY_CODE.test(currencyCode)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `"${String(currencyCode)}" is not an ISO 4217 currency code`,
    )
  }
  return EXPONENT_EXCEPTIONS[currencyCode.toUpperCase()] ?? 2
}
