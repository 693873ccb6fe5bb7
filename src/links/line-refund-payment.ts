import { defineLink } from "@medusajs/framework/utils"
import PaymentModule from "@medusajs/medusa/payment"
import LineRefundsModule from "../modules/line-refunds"

/** A ledger entry's payment (`line_refund.payment`), read through the entry's `payment_id`. */
export default defineLink(
  { linkable: LineRefundsModule.linkable.lineRefund, field: "payment_id" },
  PaymentModule.linkable.payment,
  { readOnly: true },
)
