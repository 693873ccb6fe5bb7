import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import LineRefundsModule from "../modules/line-refunds"

/** A ledger entry's order (`line_refund.order`), read through the entry's `order_id`. */
export default defineLink(
  { linkable: LineRefundsModule.linkable.lineRefund, field: "order_id" },
  OrderModule.linkable.order,
  { readOnly: true },
)
