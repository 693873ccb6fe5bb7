import { RefundIntent } from "../../../core/provider-refunds"
import {
  amountOnlyIntent,
  NOW,
  refundIntentFor,
} from "../../../core/provider-refunds/__fixtures__/refund-intent"
import { OrderSnapshot } from "../../../core/refund-plan"

export { NOW }

/** Order O1 as Medusa holds it after checkout: gross prices, tax-inclusive. */
export const O1_MEDUSA_ORDER: OrderSnapshot = {
  id: "order_o1",
  currency_code: "eur",
  items: [
    {
      id: "ordli_shirt",
      title: "T-shirt M",
      variant_id: "variant_shirt_m",
      variant_sku: "L1",
      quantity: 2,
      unit_price: "30",
      is_tax_inclusive: true,
      tax_lines: [{ rate: 21 }],
    },
    {
      id: "ordli_mug",
      title: "Mug",
      variant_id: "variant_mug",
      variant_sku: "L2",
      quantity: 3,
      unit_price: "10",
      is_tax_inclusive: true,
      tax_lines: [{ rate: 9 }],
    },
  ],
  shipping_methods: [
    {
      id: "ordsm_std",
      name: "Standard",
      amount: "5",
      is_tax_inclusive: true,
      tax_lines: [{ rate: 21 }],
    },
  ],
}

/** The RefundIntent of refunding `returned` units of O1 (see refundIntentFor). */
export function o1Intent(
  returned: Record<string, number>,
  options: { shipping?: boolean; ledgerUnits?: Record<string, number>; refundId?: string } = {},
): RefundIntent {
  return refundIntentFor(O1_MEDUSA_ORDER, returned, options)
}

/** An amount-only refund (no plan): the stock Refund button with an arbitrary amount. */
export function amountIntent(amount: string): RefundIntent {
  return amountOnlyIntent(amount)
}
