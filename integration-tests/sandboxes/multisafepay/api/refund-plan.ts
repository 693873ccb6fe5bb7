import { CartItem } from "../state/order-model"

/** What a refund request would do, worked out before anything is stored. */
export interface RefundPlan {
  kind: "refund"
  /** minor units */
  amount: number
  /** cart lines to append (cart refunds), refundId still unset */
  lines: CartItem[]
  /** canonical form of a cart refund's items, to recognise a replay */
  signature: string | null
}

/**
 * A pay-later refund line with a negative unit_price where the gateway takes negative
 * quantities: MultiSafepay cancels the order instead of refunding (README, assumptions).
 */
export interface CancelPlan {
  kind: "cancel"
}

/** Two refunds this close together with the same amount are refused as duplicates (1034). */
export const DUPLICATE_WINDOW_MS = 5 * 60 * 1000
