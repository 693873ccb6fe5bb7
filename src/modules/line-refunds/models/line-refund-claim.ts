import { model } from "@medusajs/framework/utils"
import { LineRefund } from "./line-refund"

/**
 * The database's guarantee against paying for the same unit twice: a refund holds one claim per
 * unit it refunds, numbered 1…n within its order line (a shipping method is one unit), and a unit
 * number can be held by one refund only. Claims are deleted when the refund's units are released
 * (it failed, or it was in doubt and never made). Two refunds computed from the same state, in one
 * process or several, pick the same unit numbers: the second insert fails and nothing is sent.
 */
export const LineRefundClaim = model
  .define("line_refund_claim", {
    id: model.id({ prefix: "lrclaim" }).primaryKey(),
    line_refund: model.belongsTo(() => LineRefund, { mappedBy: "claims" }),
    /** the order line item (`ordli_…`) or shipping method (`ordsm_…`) */
    target_id: model.text(),
    unit_number: model.number(),
    /** how many units the line has (1 for shipping): no claim can go beyond it */
    of_units: model.number(),
  })
  .indexes([{ on: ["target_id", "unit_number"], unique: true }])
  .checks([
    {
      name: "line_refund_claim_unit_within_line",
      expression: (columns) =>
        `${columns.unit_number} >= 1 AND ${columns.unit_number} <= ${columns.of_units}`,
    },
  ])
