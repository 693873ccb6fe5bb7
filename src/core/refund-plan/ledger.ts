import { RefundLedger } from "./types"

export function emptyLedger(): RefundLedger {
  return { units: {}, return_units: {}, shipping: {} }
}
