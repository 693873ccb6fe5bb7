import { model } from "@medusajs/framework/utils"
import { LineRefund } from "./line-refund"

/**
 * What one refund paid back of one order line taken from one return (quantity and amounts), or
 * of one shipping method. Kept after a refund fails, so staff see what it was for.
 */
export const LineRefundUnit = model
  .define("line_refund_unit", {
    id: model.id({ prefix: "lrunit" }).primaryKey(),
    line_refund: model.belongsTo(() => LineRefund, { mappedBy: "units" }),
    kind: model.enum(["item", "shipping"]),
    line_item_id: model.text().nullable(),
    shipping_method_id: model.text().nullable(),
    return_id: model.text().nullable(),
    title: model.text(),
    quantity: model.number(),
    /** the share of the gateway's amount (rounded to the minor unit) */
    amount: model.bigNumber(),
    /** what Medusa owes for these units, full precision */
    amount_exact: model.bigNumber(),
  })
  .indexes([{ on: ["line_item_id"] }, { on: ["return_id"] }])
