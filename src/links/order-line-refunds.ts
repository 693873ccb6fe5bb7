import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import LineRefundsModule from "../modules/line-refunds"

/**
 * An order's ledger entries (`order.line_refund`, a list), so admin routes read what was refunded
 * with Query, beside the order's own fields. Read-only: the entry's `order_id` is the link.
 */
export default defineLink(
  { linkable: OrderModule.linkable.order, field: "id", isList: true },
  { ...LineRefundsModule.linkable.lineRefund.id, primaryKey: "order_id" },
  { readOnly: true },
)
