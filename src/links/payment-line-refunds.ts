import { defineLink } from "@medusajs/framework/utils"
import PaymentModule from "@medusajs/medusa/payment"
import LineRefundsModule from "../modules/line-refunds"

/** A payment's ledger entries (`payment.line_refund`, a list), read through their `payment_id`. */
export default defineLink(
  { linkable: PaymentModule.linkable.payment, field: "id", isList: true },
  { ...LineRefundsModule.linkable.lineRefund.id, primaryKey: "payment_id" },
  { readOnly: true },
)
