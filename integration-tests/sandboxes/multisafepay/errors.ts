/**
 * MultiSafepay's error codes as the sandbox uses them (docs/gateways/multisafepay.md#errors), and
 * the single error type every API rule throws. The HTTP status is derived from the code in one
 * place (which statuses are documented and which are assumptions:
 * docs/gateways/multisafepay.md#undocumented-behaviour-and-our-assumptions).
 */
export const ErrorCode = {
  /**
   * generic / unknown: also used for every rule MultiSafepay documents no code for
   * (docs/gateways/multisafepay.md#undocumented-behaviour-and-our-assumptions)
   */
  GENERIC: 1000,
  INVALID_AMOUNT: 1001,
  INVALID_CURRENCY: 1002,
  INVALID_TRANSACTION_ID: 1006,
  CART_CURRENCY_MISMATCH: 1026,
  CART_AMOUNT_MISMATCH: 1027,
  TAX_RATE_FORMAT: 1028,
  INCORRECT_TAX_RATE: 1029,
  INVALID_UNIT_PRICE: 1031,
  INVALID_API_KEY: 1032,
  CANNOT_REFUND: 1034,
  CART_NOT_VALIDATED: 5001,
  UNKNOWN: 9999,
} as const

export class MspError extends Error {
  constructor(
    readonly code: number,
    readonly info: string,
    /** set only where the status is not the one derived from the code (unknown endpoints) */
    readonly statusOverride?: number,
  ) {
    super(`MultiSafepay error ${code}: ${info}`)
    this.name = "MspError"
  }

  get httpStatus(): number {
    if (this.statusOverride !== undefined) return this.statusOverride
    if (this.code === ErrorCode.INVALID_API_KEY) return 401
    if (this.code === ErrorCode.INVALID_TRANSACTION_ID) return 404
    return 400
  }

  toBody(): {
    success: false
    data: Record<string, never>
    error_code: number
    error_info: string
  } {
    return { success: false, data: {}, error_code: this.code, error_info: this.info }
  }
}

export function mspError(code: number, info: string): MspError {
  return new MspError(code, info)
}

/** Control misuse is the kit's ControlError: the same { error } answer in every sandbox. */
export { ControlError } from "../kit/control-error"
